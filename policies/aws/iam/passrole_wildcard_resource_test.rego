package regent.aws.iam.passrole_wildcard_resource_test

import rego.v1

import data.regent.aws.iam.passrole_wildcard_resource
import data.regent.cfn

policy(statements) := {"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "R"}], "PolicyDocument": {"Statement": statements}}}}}

test_passrole_on_star_is_denied if {
	some r in passrole_wildcard_resource.deny with input as policy([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}])
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument", "Statement", 0]
	contains(r.msg, "iam:PassRole")
}

test_iam_wildcard_and_role_star_arn_are_denied if {
	some r in passrole_wildcard_resource.deny with input as policy([{"Effect": "Allow", "Action": ["iam:Pass*"], "Resource": "arn:aws:iam::111122223333:role/*"}])
	r.resource == "P"
}

test_case_insensitive_action_is_denied if {
	some r in passrole_wildcard_resource.deny with input as policy([{"Effect": "Allow", "Action": "IAM:passrole", "Resource": ["*"]}])
	r.resource == "P"
}

test_scoped_passrole_passes if {
	count(passrole_wildcard_resource.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "iam:PassRole", "Resource": {"Fn::GetAtt": ["TaskRole", "Arn"]}, "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}])
}

test_star_star_is_left_to_iam_001 if {
	count(passrole_wildcard_resource.deny) == 0 with input as policy([{"Effect": "Allow", "Action": "*", "Resource": "*"}])
}

test_cdk_build_role_policy_is_denied if {
	t := {"Resources": {"SiteBuildRoleDefaultPolicy3A52D809": {
		"Type": "AWS::IAM::Policy",
		"Properties": {"PolicyName": "SiteBuildRoleDefaultPolicy3A52D809", "Roles": [{"Ref": "SiteBuildRole987D9CB0"}], "PolicyDocument": {"Statement": [
			{"Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Effect": "Allow", "Resource": "arn:aws:logs:us-east-1:111122223333:log-group:/aws/codebuild/x:*"},
			{"Action": "iam:PassRole", "Effect": "Allow", "Resource": "*"},
		]}},
		"Metadata": {"aws:cdk:path": "delivery-insecure/SiteBuild/Role/DefaultPolicy/Resource"},
	}}}
	some r in passrole_wildcard_resource.deny with input as t
	r.path == ["Properties", "PolicyDocument", "Statement", 1]
}

test_passrole_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": {"Fn::If": ["IsDev", "*", "arn:aws:iam::111122223333:role/app"]}}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in passrole_wildcard_resource.deny with input as v.template
	r.resource == "P"
}

test_resource_from_parameter_default_is_denied if {
	t := {
		"Parameters": {"RoleArn": {"Type": "String", "Default": "*"}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": {"Ref": "RoleArn"}}]}}}},
	}
	some v in cfn.variants(t)
	some r in passrole_wildcard_resource.deny with input as v.template
	r.resource == "P"
}
