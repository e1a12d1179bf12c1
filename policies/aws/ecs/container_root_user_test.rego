package regent.aws.ecs.container_root_user_test

import rego.v1

import data.regent.aws.ecs.container_root_user
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(containers) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}

test_missing_user_is_denied if {
	some r in container_root_user.deny with input as tpl({"Td": task([{"Name": "api"}])})
	r.resource == "Td"
	r.path == ["Properties", "ContainerDefinitions", 0, "User"]
	contains(r.msg, "sets no User")
}

test_explicit_root_forms_are_denied if {
	every user in ["root", "0", "root:root", "0:1000", " root ", 0] {
		some r in container_root_user.deny with input as tpl({"Td": task([{"Name": "api", "User": user}])})
		contains(r.msg, "runs as root")
	}
}

test_unprivileged_users_pass if {
	count(container_root_user.deny) == 0 with input as tpl({"Td": task([
		{"Name": "api", "User": "10001:10001"},
		{"Name": "otel", "User": "10001"},
		{"Name": "app", "User": "app"},
		{"Name": "rooted", "User": "rootless"},
	])})
}

test_windows_task_definitions_are_skipped if {
	count(container_root_user.deny) == 0 with input as tpl({"Td": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"RuntimePlatform": {"OperatingSystemFamily": "WINDOWS_SERVER_2022_CORE"},
			"ContainerDefinitions": [{"Name": "iis"}],
		},
	}})
}

test_only_the_root_container_is_reported if {
	findings := container_root_user.deny with input as tpl({"Td": task([{"Name": "a", "User": "1000"}, {"Name": "b", "User": "root"}])})
	count(findings) == 1
	some r in findings
	r.path == ["Properties", "ContainerDefinitions", 1, "User"]
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task([{"Name": "api", "User": {"Fn::If": ["IsProd", "10001", "root"]}}])},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in container_root_user.deny with input as v.template
	r.resource == "Td"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(container_root_user.deny) == 0 with input as v.template
}

test_parameter_default_root_is_denied if {
	t := {
		"Parameters": {"RunAs": {"Type": "String", "Default": "0"}},
		"Resources": {"Td": task([{"Name": "api", "User": {"Ref": "RunAs"}}])},
	}
	some v in cfn.variants(t)
	some r in container_root_user.deny with input as v.template
	r.resource == "Td"
}

test_cdk_style_template_is_denied if {
	t := tpl({"TaskDef54694570": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"ContainerDefinitions": [{"Name": "api", "Image": "111122223333.dkr.ecr.eu-west-2.amazonaws.com/payments-api:latest"}],
			"TaskRoleArn": {"Fn::GetAtt": ["TaskDefTaskRole1EDB4A67", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "web/TaskDef/Resource"},
	}})
	some r in container_root_user.deny with input as t
	r.resource == "TaskDef54694570"
}
