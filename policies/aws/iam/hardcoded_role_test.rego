package regent.aws.iam.hardcoded_role_test

import rego.v1

import data.regent.aws.iam.hardcoded_role
import data.regent.cfn

fn(r) := {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs20.x", "Handler": "index.handler", "Role": r}}

legacy := "arn:aws:iam::123456789012:role/legacy-lambda-exec"

test_literal_role_arn_is_denied if {
	some r in hardcoded_role.deny with input as {"Resources": {"F": fn(legacy)}}
	r.resource == "F"
	r.path == ["Properties", "Role"]
	contains(r.msg, "legacy-lambda-exec")
	contains(r.msg, "account 123456789012")
	contains(r.msg, "does not define")
}

test_sub_built_role_arn_is_denied if {
	some r in hardcoded_role.deny with input as {"Resources": {"F": fn({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service/ops-role"})}}
	contains(r.msg, "ops-role")
}

test_join_built_role_arn_is_denied if {
	v := {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":role/ops-role"]]}
	some r in hardcoded_role.deny with input as {"Resources": {"F": fn(v)}}
	r.resource == "F"
}

test_reference_to_template_role_passes if {
	t := {"Resources": {"R": {"Type": "AWS::IAM::Role"}, "F": fn({"Fn::GetAtt": ["R", "Arn"]})}}
	count(hardcoded_role.deny) == 0 with input as t
}

test_arn_of_role_defined_by_name_passes if {
	t := {"Resources": {
		"R": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "app-exec"}},
		"F": fn("arn:aws:iam::123456789012:role/app-exec"),
		"Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": ["app-exec"]}},
	}}
	count(hardcoded_role.deny) == 0 with input as t
}

test_role_name_in_instance_profile_is_denied if {
	some r in hardcoded_role.deny with input as {"Resources": {"Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": ["ops-admin"]}}}}
	r.path == ["Properties", "Roles", 0]
}

test_role_name_in_codebuild_and_ecs_are_denied if {
	t := {"Resources": {
		"Build": {"Type": "AWS::CodeBuild::Project", "Properties": {"ServiceRole": "codebuild-shared"}},
		"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ExecutionRoleArn": "arn:aws:iam::123456789012:role/ecsTaskExecutionRole"}},
	}}
	results := hardcoded_role.deny with input as t
	{r.resource | some r in results} == {"Build", "Task"}
}

test_cdk_bootstrap_roles_pass if {
	t := {"Resources": {"Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
		"RoleArn": {"Fn::GetAtt": ["PipelineRole", "Arn"]},
		"Stages": [{"Name": "Deploy", "Actions": [{"Name": "Deploy", "RoleArn": {"Fn::Sub": "arn:${AWS::Partition}:iam::222233334444:role/cdk-hnb659fds-deploy-role-222233334444-eu-west-2"}}]}],
	}}, "PipelineRole": {"Type": "AWS::IAM::Role"}}}
	count(hardcoded_role.deny) == 0 with input as t
}

test_parameter_without_default_and_import_pass if {
	t := {
		"Parameters": {"ExecRoleArn": {"Type": "String"}},
		"Resources": {
			"F1": fn({"Ref": "ExecRoleArn"}),
			"F2": fn({"Fn::ImportValue": "shared-exec-role-arn"}),
			"F3": fn({"Fn::Sub": "arn:aws:iam::${AWS::AccountId}:role/${ExecRoleName}"}),
		},
	}
	count(hardcoded_role.deny) == 0 with input as t
}

test_wrongly_typed_role_is_ignored if {
	count(hardcoded_role.deny) == 0 with input as {"Resources": {"F": fn(12), "G": fn(["arn:aws:iam::123456789012:role/x"])}}
}

test_cdk_function_with_literal_role_is_denied if {
	t := {"Resources": {"ProcessPaymentFn28746EEC": object.union(fn(legacy), {"Metadata": {"aws:cdk:path": "serverless-api-insecure/ProcessPaymentFn/Resource"}})}}
	some r in hardcoded_role.deny with input as t
	r.resource == "ProcessPaymentFn28746EEC"
}

test_literal_role_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"R": {"Type": "AWS::IAM::Role"}, "F": fn({"Fn::If": ["IsDev", legacy, {"Fn::GetAtt": ["R", "Arn"]}]})},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in hardcoded_role.deny with input as v.template
	r.resource == "F"
}

test_unresolved_if_reports_the_condition if {
	t := {
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-1"]}},
		"Resources": {"R": {"Type": "AWS::IAM::Role"}, "F": fn({"Fn::If": ["IsDev", legacy, {"Fn::GetAtt": ["R", "Arn"]}]})},
	}
	results := hardcoded_role.deny with input as t
	count(results) == 1
	some r in results
	r.conditions == {"IsDev": true}
}

test_parameter_default_role_arn_is_denied if {
	t := {
		"Parameters": {"ExecRoleArn": {"Type": "String", "Default": legacy}},
		"Resources": {"F": fn({"Ref": "ExecRoleArn"})},
	}
	some v in cfn.variants(t)
	some r in hardcoded_role.deny with input as v.template
	r.resource == "F"
}
