package regent.aws.iam.policy_full_admin_test

import rego.v1

import data.regent.aws.iam.policy_full_admin
import data.regent.cfn

policy(statements) := {"Resources": {
	"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}},
	"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "Role"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}},
}}

admin := {"Effect": "Allow", "Action": "*", "Resource": "*"}

test_star_star_is_denied if {
	some r in policy_full_admin.deny with input as policy([admin])
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument", "Statement", 0]
	contains(r.msg, "attached to Roles Role")
}

test_star_colon_star_in_list_is_denied if {
	some r in policy_full_admin.deny with input as policy([{"Effect": "Allow", "Action": ["s3:GetObject", "*:*"], "Resource": ["*"]}])
	r.resource == "P"
}

test_inline_role_policy_is_denied if {
	t := {"Resources": {"R": {"Type": "AWS::IAM::Role", "Properties": {"Policies": [{"PolicyName": "all", "PolicyDocument": {"Statement": [admin]}}]}}}}
	some r in policy_full_admin.deny with input as t
	r.path == ["Properties", "Policies", 0, "PolicyDocument", "Statement", 0]
}

test_administrator_access_managed_policy_is_denied if {
	t := {"Resources": {"TaskDefTaskRole1EDB4A67": {"Type": "AWS::IAM::Role", "Properties": {"ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}]}}}}
	some r in policy_full_admin.deny with input as t
	r.path == ["Properties", "ManagedPolicyArns", 0]
	contains(r.msg, "AdministratorAccess")
}

test_scoped_statement_passes if {
	count(policy_full_admin.deny) == 0 with input as policy([{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/*"]]}}])
}

test_deny_star_star_passes if {
	count(policy_full_admin.deny) == 0 with input as policy([object.union(admin, {"Effect": "Deny"})])
}

test_star_action_with_not_resource_is_denied if {
	some r in policy_full_admin.deny with input as policy([{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::secret/*"}])
	r.resource == "P"
}

test_admin_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Fn::If": ["IsDev", admin, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in policy_full_admin.deny with input as v.template
	r.resource == "P"
}

test_action_from_parameter_default_is_denied if {
	t := {
		"Parameters": {"Actions": {"Type": "String", "Default": "*"}},
		"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": {"Ref": "Actions"}, "Resource": "*"}]}}}},
	}
	some v in cfn.variants(t)
	some r in policy_full_admin.deny with input as v.template
	r.resource == "P"
}
