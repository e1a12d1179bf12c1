package regent.aws.iam.service_wildcard_actions_any_resource_test

import rego.v1

import data.regent.aws.iam.service_wildcard_actions_any_resource
import data.regent.cfn

role(statements) := {"Resources": {"SharedLambdaRole04297543": {
	"Type": "AWS::IAM::Role",
	"Properties": {
		"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
		"Policies": [{"PolicyName": "data", "PolicyDocument": {"Statement": statements}}],
	},
	"Metadata": {"aws:cdk:path": "stack/SharedLambdaRole/Resource"},
}}}

test_service_wildcards_on_star_are_denied if {
	some r in service_wildcard_actions_any_resource.deny with input as role([{"Effect": "Allow", "Action": ["dynamodb:*", "sqs:*"], "Resource": "*"}])
	r.resource == "SharedLambdaRole04297543"
	r.path == ["Properties", "Policies", 0, "PolicyDocument", "Statement", 0]
	contains(r.msg, "dynamodb:*, sqs:*")
}

test_managed_policy_is_checked if {
	t := {"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": ["*"]}}}}}}
	some r in service_wildcard_actions_any_resource.deny with input as t
	r.path == ["Properties", "PolicyDocument", "Statement"]
}

test_service_wildcard_on_specific_resource_passes if {
	count(service_wildcard_actions_any_resource.deny) == 0 with input as role([{"Effect": "Allow", "Action": "dynamodb:*", "Resource": {"Fn::GetAtt": ["Table", "Arn"]}}])
}

test_star_star_is_left_to_iam_001 if {
	count(service_wildcard_actions_any_resource.deny) == 0 with input as role([{"Effect": "Allow", "Action": ["*", "s3:*"], "Resource": "*"}])
}

test_deny_is_not_checked if {
	count(service_wildcard_actions_any_resource.deny) == 0 with input as role([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}])
}

test_malformed_policies_are_ignored if {
	t := {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"Policies": "none"}}}}
	count(service_wildcard_actions_any_resource.deny) == 0 with input as t
}

test_wildcard_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": {"Fn::If": ["IsDev", "sqs:*", "sqs:SendMessage"]}, "Resource": "*"}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in service_wildcard_actions_any_resource.deny with input as v.template
	r.resource == "P"
}

test_action_from_parameter_default_is_denied if {
	t := {
		"Parameters": {"Action": {"Type": "String", "Default": "kms:*"}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": [{"Ref": "Action"}], "Resource": "*"}]}}}},
	}
	some v in cfn.variants(t)
	some r in service_wildcard_actions_any_resource.deny with input as v.template
	contains(r.msg, "kms:*")
}
