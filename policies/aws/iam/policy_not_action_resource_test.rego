package regent.aws.iam.policy_not_action_resource_test

import rego.v1

import data.regent.aws.iam.policy_not_action_resource
import data.regent.cfn

policy(statements) := {"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": statements}}}}}

test_allow_not_action_is_denied if {
	some r in policy_not_action_resource.deny with input as policy([{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}])
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument", "Statement", 0]
	contains(r.msg, "NotAction")
	contains(r.msg, "iam:*")
}

test_allow_not_resource_is_denied if {
	some r in policy_not_action_resource.deny with input as policy([{"Effect": "Allow", "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::secret/*"}])
	contains(r.msg, "NotResource arn:aws:s3:::secret/*")
}

test_both_inverted_are_named if {
	some r in policy_not_action_resource.deny with input as policy([{"Effect": "Allow", "NotAction": "iam:*", "NotResource": "arn:aws:s3:::x"}])
	contains(r.msg, "NotAction iam:* and NotResource")
}

test_deny_with_not_action_passes if {
	count(policy_not_action_resource.deny) == 0 with input as policy([{"Effect": "Deny", "NotAction": ["sts:AssumeRole"], "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}])
}

test_plain_statement_passes if {
	count(policy_not_action_resource.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Q", "Arn"]}}])
}

test_every_action_with_not_resource_is_left_to_iam_001 if {
	count(policy_not_action_resource.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::secret/*"}])
}

test_inline_user_policy_is_denied if {
	t := {"Resources": {"ReportingUser15B67649": {"Type": "AWS::IAM::User", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}}]}, "Metadata": {"aws:cdk:path": "stack/ReportingUser/Resource"}}}}
	some r in policy_not_action_resource.deny with input as t
	r.path == ["Properties", "Policies", 0, "PolicyDocument", "Statement", 0]
}

test_not_action_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Fn::If": ["IsDev", {"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in policy_not_action_resource.deny with input as v.template
	r.resource == "P"
}

test_excluded_action_from_parameter_default if {
	t := {
		"Parameters": {"Excluded": {"Type": "String", "Default": "iam:*"}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "NotAction": {"Ref": "Excluded"}, "Resource": "*"}]}}}},
	}
	some v in cfn.variants(t)
	some r in policy_not_action_resource.deny with input as v.template
	contains(r.msg, "NotAction iam:*")
}
