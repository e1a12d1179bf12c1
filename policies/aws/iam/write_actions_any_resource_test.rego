package regent.aws.iam.write_actions_any_resource_test

import rego.v1

import data.regent.aws.iam.write_actions_any_resource
import data.regent.cfn

policy(statements) := {"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "R"}], "PolicyDocument": {"Statement": statements}}}}}

test_write_action_on_star_is_denied if {
	some r in write_actions_any_resource.deny with input as policy([{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "kms:Decrypt"], "Resource": "*"}])
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument", "Statement", 0]
	contains(r.msg, "kms:Decrypt, s3:PutObject")
	not contains(r.msg, "GetObject")
}

test_read_only_actions_pass if {
	count(write_actions_any_resource.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets", "ec2:Describe*", "logs:DescribeLogGroups", "dynamodb:Query", "ecr:GetAuthorizationToken"], "Resource": "*"}])
}

test_cdk_defaults_required_on_star_pass if {
	count(write_actions_any_resource.deny) == 0 with input as policy([
		{"Effect": "Allow", "Action": ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], "Resource": "*"},
		{"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*", "Condition": {"StringEquals": {"cloudwatch:namespace": "CloudWatchSynthetics"}}},
		{"Effect": "Allow", "Action": ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"], "Resource": "*"},
		{"Effect": "Allow", "Action": ["logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies"], "Resource": "*"},
	])
}

test_wildcard_verb_is_not_read_only if {
	some r in write_actions_any_resource.deny with input as policy([{"Effect": "Allow", "Action": ["s3:*Object", "s3:Get*"], "Resource": ["*"]}])
	contains(r.msg, "s3:*Object")
	not contains(r.msg, "s3:Get*")
}

test_scoped_write_passes if {
	count(write_actions_any_resource.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "s3:PutObject", "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/*"]]}}])
}

test_statements_reported_by_other_controls_are_skipped if {
	count(write_actions_any_resource.deny) == 0 with input as policy([
		{"Effect": "Allow", "Action": "*", "Resource": "*"},
		{"Effect": "Allow", "Action": ["sqs:*", "s3:PutObject"], "Resource": "*"},
		{"Effect": "Allow", "Action": ["iam:PassRole", "s3:PutObject"], "Resource": "*"},
	])
}

test_deny_and_wrongly_typed_actions_pass if {
	count(write_actions_any_resource.deny) == 0 with input as policy([
		{"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
		{"Effect": "Allow", "Action": 42, "Resource": "*"},
	])
}

test_cdk_task_role_defaults_pass if {
	t := {"Resources": {"TaskDefTaskRoleDefaultPolicyA592CB18": {
		"Type": "AWS::IAM::Policy",
		"Properties": {"PolicyName": "x", "Roles": [{"Ref": "TaskDefTaskRole1EDB4A67"}], "PolicyDocument": {"Statement": [{"Action": ["logs:DescribeLogGroups", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], "Effect": "Allow", "Resource": "*"}]}},
		"Metadata": {"aws:cdk:path": "web-fargate-hardened/TaskDef/TaskRole/DefaultPolicy/Resource"},
	}}}
	count(write_actions_any_resource.deny) == 0 with input as t
}

test_write_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "dynamodb:DeleteItem", "Resource": {"Fn::If": ["IsDev", "*", "arn:aws:dynamodb:eu-west-1:111122223333:table/t"]}}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in write_actions_any_resource.deny with input as v.template
	contains(r.msg, "dynamodb:DeleteItem")
}

test_resource_parameter_default_star_is_denied if {
	t := {
		"Parameters": {"Target": {"Type": "String", "Default": "*"}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "sns:Publish", "Resource": {"Ref": "Target"}}]}}}},
	}
	some v in cfn.variants(t)
	some r in write_actions_any_resource.deny with input as v.template
	r.resource == "P"
}
