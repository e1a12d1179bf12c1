package regent.aws.iam.shared_role_test

import rego.v1

import data.regent.aws.iam.shared_role
import data.regent.cfn

role := {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}

fn(r) := {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs20.x", "Handler": "index.handler", "Role": r}}

arn(id) := {"Fn::GetAtt": [id, "Arn"]}

test_role_shared_by_two_functions_is_denied_on_all if {
	results := shared_role.deny with input as {"Resources": {"R": role, "F1": fn(arn("R")), "F2": fn(arn("R"))}}
	{r.resource | some r in results} == {"R", "F1", "F2"}
	some f in results
	f.resource == "F1"
	f.path == ["Properties", "Role"]
	contains(f.msg, "also used by F2")
	some on_role in results
	on_role.resource == "R"
	contains(on_role.msg, "2 resources (F1, F2)")
}

test_one_role_per_function_passes if {
	count(shared_role.deny) == 0 with input as {"Resources": {"R1": role, "R2": role, "F1": fn(arn("R1")), "F2": fn(arn("R2"))}}
}

test_task_and_execution_role_of_one_task_definition_is_one_use if {
	t := {"Resources": {"R": role, "T": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"TaskRoleArn": arn("R"), "ExecutionRoleArn": arn("R")}}}}
	count(shared_role.deny) == 0 with input as t
}

test_attached_policies_are_not_uses if {
	t := {"Resources": {
		"R": role,
		"F": fn(arn("R")),
		"P": {"Type": "AWS::IAM::Policy", "Properties": {"PolicyName": "p", "Roles": [{"Ref": "R"}], "PolicyDocument": {"Statement": []}}},
		"M": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"Roles": [{"Ref": "R"}], "PolicyDocument": {"Statement": []}}},
	}}
	count(shared_role.deny) == 0 with input as t
}

test_function_and_codebuild_project_sharing_is_denied if {
	t := {"Resources": {
		"R": role,
		"F": fn(arn("R")),
		"Build": {"Type": "AWS::CodeBuild::Project", "Properties": {"ServiceRole": {"Ref": "R"}}},
	}}
	some r in shared_role.deny with input as t
	r.resource == "Build"
	r.path == ["Properties", "ServiceRole"]
}

test_instance_profile_and_state_machine_by_role_name_are_denied if {
	t := {"Resources": {
		"R": object.union(role, {"Properties": {"RoleName": "app-role"}}),
		"Profile": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": ["app-role"]}},
		"Machine": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"RoleArn": arn("R")}},
	}}
	results := shared_role.deny with input as t
	{r.resource | some r in results} == {"R", "Profile", "Machine"}
}

test_pipeline_action_roles_and_events_targets_count if {
	t := {"Resources": {
		"R": role,
		"Pipeline": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"RoleArn": arn("R"), "Stages": [{"Name": "Build", "Actions": [{"Name": "b", "RoleArn": arn("R")}]}]}},
		"Rule": {"Type": "AWS::Events::Rule", "Properties": {"Targets": [{"Id": "t", "Arn": "arn:aws:states:eu-west-1:111122223333:stateMachine:x", "RoleArn": arn("R")}]}},
	}}
	results := shared_role.deny with input as t
	{r.resource | some r in results} == {"R", "Pipeline", "Rule"}
}

test_role_shared_only_by_events_rules_passes if {
	t := {"Resources": {
		"EventsRole": role,
		"Nightly": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(1 day)", "Targets": [{"Id": "1", "Arn": {"Ref": "Machine"}, "RoleArn": arn("EventsRole")}]}},
		"OnUpload": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {}, "Targets": [{"Id": "1", "Arn": {"Ref": "Machine"}, "RoleArn": arn("EventsRole")}]}},
	}}
	count(shared_role.deny) == 0 with input as t
}

test_shared_literal_role_arn_is_denied_on_the_users if {
	a := "arn:aws:iam::123456789012:role/legacy-lambda-exec"
	results := shared_role.deny with input as {"Resources": {"F1": fn(a), "F2": fn({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/legacy-lambda-exec"})}}
	{r.resource | some r in results} == {"F1", "F2"}
	some r in results
	contains(r.msg, "legacy-lambda-exec")
}

test_malformed_role_properties_are_ignored if {
	t := {"Resources": {
		"P1": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": "not-a-list"}},
		"P2": {"Type": "AWS::IAM::InstanceProfile", "Properties": {"Roles": "not-a-list"}},
		"F1": fn(42),
		"F2": fn(42),
	}}
	count(shared_role.deny) == 0 with input as t
}

test_cdk_shared_role_is_denied if {
	t := {"Resources": {
		"SharedLambdaRole04297543": object.union(role, {"Metadata": {"aws:cdk:path": "serverless-api-insecure/SharedLambdaRole/Resource"}}),
		"CreatePaymentFn1CCC006E": object.union(fn(arn("SharedLambdaRole04297543")), {"DependsOn": ["SharedLambdaRole04297543"], "Metadata": {"aws:cdk:path": "serverless-api-insecure/CreatePaymentFn/Resource"}}),
		"GetPaymentFnF5B745F3": object.union(fn(arn("SharedLambdaRole04297543")), {"Metadata": {"aws:cdk:path": "serverless-api-insecure/GetPaymentFn/Resource"}}),
	}}
	results := shared_role.deny with input as t
	{r.resource | some r in results} == {"SharedLambdaRole04297543", "CreatePaymentFn1CCC006E", "GetPaymentFnF5B745F3"}
}

test_role_shared_in_one_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"A": role, "B": role, "F1": fn(arn("A")), "F2": fn({"Fn::If": ["IsDev", arn("A"), arn("B")]})},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in shared_role.deny with input as v.template
	r.resource == "A"
}

test_role_own_in_other_if_branch_passes if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"A": role, "B": role, "F1": fn(arn("A")), "F2": fn({"Fn::If": ["IsDev", arn("A"), arn("B")]})},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == false
	count(shared_role.deny) == 0 with input as v.template
}

test_role_arn_parameter_default_shared_is_denied if {
	t := {
		"Parameters": {"ExecRole": {"Type": "String", "Default": "arn:aws:iam::123456789012:role/shared"}},
		"Resources": {"F1": fn({"Ref": "ExecRole"}), "F2": fn({"Ref": "ExecRole"})},
	}
	some v in cfn.variants(t)
	results := shared_role.deny with input as v.template
	{r.resource | some r in results} == {"F1", "F2"}
}

test_two_roles_with_one_name_do_not_break_the_control if {
	t := {"Resources": {
		"A": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "dup"}},
		"B": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "dup"}},
		"F1": fn("arn:aws:iam::123456789012:role/dup"),
		"F2": fn(arn("A")),
	}}
	results := shared_role.deny with input as t
	{r.resource | some r in results} == {"A", "F1", "F2"}
}
