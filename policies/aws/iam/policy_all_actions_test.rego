package regent.aws.iam.policy_all_actions_test

import rego.v1

import data.regent.aws.iam.policy_all_actions
import data.regent.cfn

policy(statements) := {"Resources": {
	"B": {"Type": "AWS::S3::Bucket"},
	"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "R"}], "PolicyDocument": {"Statement": statements}}},
}}

test_every_action_on_a_bucket_is_denied if {
	some r in policy_all_actions.deny with input as policy([{"Effect": "Allow", "Action": "*", "Resource": {"Fn::GetAtt": ["B", "Arn"]}}])
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument", "Statement", 0]
	contains(r.msg, "every action (*) on B")
}

test_star_colon_star_on_arn_is_denied if {
	some r in policy_all_actions.deny with input as policy([{"Effect": "Allow", "Action": ["*:*"], "Resource": ["arn:aws:dynamodb:eu-west-1:111122223333:table/ledger"]}])
	contains(r.msg, "table/ledger")
}

test_every_action_on_every_resource_is_left_to_iam_001 if {
	count(policy_all_actions.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}])
}

test_specific_actions_pass if {
	count(policy_all_actions.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": {"Fn::GetAtt": ["B", "Arn"]}}])
}

test_deny_every_action_passes if {
	count(policy_all_actions.deny) == 0 with input as policy([{"Effect": "Deny", "Action": "*", "Resource": {"Fn::GetAtt": ["B", "Arn"]}}])
}

test_statement_without_resource_is_denied if {
	some r in policy_all_actions.deny with input as policy([{"Effect": "Allow", "Action": "*"}])
	contains(r.msg, "no listed resource")
}

test_cdk_inline_role_policy_is_denied if {
	t := {"Resources": {"TaskRole30FC0FBB": {
		"Type": "AWS::IAM::Role",
		"Properties": {"Policies": [{"PolicyName": "ledger", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": [{"Fn::GetAtt": ["LedgerTable38A58B60", "Arn"]}]}]}}]},
		"Metadata": {"aws:cdk:path": "stack/TaskRole/Resource"},
	}, "LedgerTable38A58B60": {"Type": "AWS::DynamoDB::Table"}}}
	some r in policy_all_actions.deny with input as t
	r.path == ["Properties", "Policies", 0, "PolicyDocument", "Statement", 0]
	contains(r.msg, "LedgerTable38A58B60")
}

test_every_action_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": {"Fn::If": ["IsDev", "*", "s3:GetObject"]}, "Resource": "arn:aws:s3:::b/*"}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in policy_all_actions.deny with input as v.template
	r.resource == "P"
}

test_action_parameter_default_is_denied if {
	t := {
		"Parameters": {"Action": {"Type": "String", "Default": "*"}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": {"Ref": "Action"}, "Resource": "arn:aws:s3:::b/*"}]}}}},
	}
	some v in cfn.variants(t)
	some r in policy_all_actions.deny with input as v.template
	r.resource == "P"
}
