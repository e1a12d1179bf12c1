package regent.aws.ecs.task_role_administrator_access_test

import rego.v1

import data.regent.aws.ecs.task_role_administrator_access as admin
import data.regent.cfn

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

trust := {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}

role(props) := {"Type": "AWS::IAM::Role", "Properties": object.union({"AssumeRolePolicyDocument": trust}, props)}

task_using(role_id) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"TaskRoleArn": {"Fn::GetAtt": [role_id, "Arn"]}, "ContainerDefinitions": []}}

tpl(resources) := {"Resources": resources}

test_managed_administrator_access_is_denied if {
	some r in admin.deny with input as tpl({"Role": role({"ManagedPolicyArns": [admin_arn]})})
	r.resource == "Role"
	r.path == ["Properties", "ManagedPolicyArns", 0]
	contains(r.msg, "AdministratorAccess")
}

test_partition_sub_form_is_denied if {
	arn := {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}
	some r in admin.deny with input as tpl({"Role": role({"ManagedPolicyArns": [arn]})})
	r.resource == "Role"
}

test_inline_star_statement_is_denied if {
	policies := [{"PolicyName": "all", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}}]
	some r in admin.deny with input as tpl({"Role": role({"Policies": policies})})
	r.path == ["Properties", "Policies", 0, "PolicyDocument", "Statement", 0]
}

test_attached_policy_resource_is_denied if {
	t := tpl({
		"Role": {"Type": "AWS::IAM::Role", "Properties": {}},
		"Td": task_using("Role"),
		"Pol": {"Type": "AWS::IAM::Policy", "Properties": {
			"Roles": [{"Ref": "Role"}],
			"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]},
		}},
	})
	some r in admin.deny with input as t
	r.resource == "Pol"
	contains(r.msg, "attached to ECS task role Role")
}

test_scoped_and_conditioned_grants_pass if {
	t := tpl({"Role": role({
		"ManagedPolicyArns": ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
		"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [
			{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"},
			{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:ViaAWSService": "true"}}},
			{"Effect": "Deny", "Action": "*", "Resource": "*"},
		]}}],
	})})
	count(admin.deny) == 0 with input as t
}

test_non_ecs_role_is_ignored if {
	lambda_trust := {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]}
	t := tpl({"Role": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": lambda_trust, "ManagedPolicyArns": [admin_arn]}}})
	count(admin.deny) == 0 with input as t
}

tpl_with_if := {
	"Conditions": {"BreakGlass": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Role": role({"ManagedPolicyArns": {"Fn::If": ["BreakGlass", [admin_arn], []]}})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.BreakGlass == true
	some r in admin.deny with input as v.template
	r.resource == "Role"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.BreakGlass == false
	count(admin.deny) == 0 with input as v.template
}

test_parameter_default_policy_is_denied if {
	t := {
		"Parameters": {"ExtraPolicy": {"Type": "String", "Default": admin_arn}},
		"Resources": {"Role": role({"ManagedPolicyArns": [{"Ref": "ExtraPolicy"}]})},
	}
	some v in cfn.variants(t)
	some r in admin.deny with input as v.template
	r.resource == "Role"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"TaskDefTaskRole1EDB4A67": {
			"Type": "AWS::IAM::Role",
			"Properties": {"ManagedPolicyArns": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::aws:policy/AdministratorAccess"]]}]},
			"Metadata": {"aws:cdk:path": "web/TaskDef/TaskRole/Resource"},
		},
		"TaskDef54694570": task_using("TaskDefTaskRole1EDB4A67"),
	})
	some r in admin.deny with input as t
	r.resource == "TaskDefTaskRole1EDB4A67"
}
