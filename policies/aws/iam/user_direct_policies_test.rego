package regent.aws.iam.user_direct_policies_test

import rego.v1

import data.regent.aws.iam.user_direct_policies
import data.regent.cfn

doc := {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}

test_policy_attached_to_user_is_denied if {
	t := {"Resources": {
		"ReportingUser15B67649": {"Type": "AWS::IAM::User"},
		"ReportingUserDefaultPolicy0930B656": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": doc, "PolicyName": "p", "Users": [{"Ref": "ReportingUser15B67649"}]}, "Metadata": {"aws:cdk:path": "stack/ReportingUser/DefaultPolicy/Resource"}},
	}}
	some r in user_direct_policies.deny with input as t
	r.resource == "ReportingUserDefaultPolicy0930B656"
	r.path == ["Properties", "Users"]
	contains(r.msg, "ReportingUser15B67649")
}

test_user_with_inline_policy_is_denied if {
	t := {"Resources": {"U": {"Type": "AWS::IAM::User", "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": doc}]}}}}
	some r in user_direct_policies.deny with input as t
	r.resource == "U"
	r.path == ["Properties", "Policies"]
}

test_user_with_managed_policy_arns_is_denied if {
	t := {"Resources": {"U": {"Type": "AWS::IAM::User", "Properties": {"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"]}}}}
	some r in user_direct_policies.deny with input as t
	r.path == ["Properties", "ManagedPolicyArns"]
}

test_single_user_name_string_is_denied if {
	t := {"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": doc, "Users": "alice"}}}}
	some r in user_direct_policies.deny with input as t
	contains(r.msg, "alice")
}

test_group_and_role_attachment_passes if {
	t := {"Resources": {
		"G": {"Type": "AWS::IAM::Group"},
		"U": {"Type": "AWS::IAM::User", "Properties": {"Groups": [{"Ref": "G"}]}},
		"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": doc, "PolicyName": "p", "Groups": [{"Ref": "G"}], "Roles": [{"Ref": "R"}]}},
	}}
	count(user_direct_policies.deny) == 0 with input as t
}

test_empty_user_list_passes if {
	t := {"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": doc, "PolicyName": "p", "Users": []}}}}
	count(user_direct_policies.deny) == 0 with input as t
}

test_user_attachment_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": doc, "PolicyName": "p", "Users": {"Fn::If": ["IsDev", ["dev-user"], {"Ref": "AWS::NoValue"}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in user_direct_policies.deny with input as v.template
	r.resource == "P"
}

test_user_from_parameter_default_is_denied if {
	t := {
		"Parameters": {"UserName": {"Type": "String", "Default": "ci-bot"}},
		"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyDocument": doc, "PolicyName": "p", "Users": [{"Ref": "UserName"}]}}},
	}
	some v in cfn.variants(t)
	some r in user_direct_policies.deny with input as v.template
	contains(r.msg, "ci-bot")
}
