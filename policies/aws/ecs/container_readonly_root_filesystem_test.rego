package regent.aws.ecs.container_readonly_root_filesystem_test

import rego.v1

import data.regent.aws.ecs.container_readonly_root_filesystem as ro
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(containers) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}

test_writable_root_is_denied if {
	some r in ro.deny with input as tpl({"Td": task([{"Name": "api", "ReadonlyRootFilesystem": false}])})
	r.resource == "Td"
	r.path == ["Properties", "ContainerDefinitions", 0, "ReadonlyRootFilesystem"]
	contains(r.msg, "writable root filesystem")
}

test_missing_setting_is_denied if {
	some r in ro.deny with input as tpl({"Td": task([{"Name": "api"}])})
	r.resource == "Td"
}

test_read_only_containers_pass if {
	count(ro.deny) == 0 with input as tpl({"Td": task([
		{"Name": "api", "ReadonlyRootFilesystem": true},
		{"Name": "otel", "ReadonlyRootFilesystem": "true"},
	])})
}

test_string_false_and_wrong_types_are_denied if {
	findings := ro.deny with input as tpl({"Td": task([
		{"Name": "a", "ReadonlyRootFilesystem": "false"},
		{"Name": "b", "ReadonlyRootFilesystem": 1},
	])})
	count(findings) == 2
}

test_windows_task_definitions_are_skipped if {
	count(ro.deny) == 0 with input as tpl({"Td": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"RuntimePlatform": {"OperatingSystemFamily": "WINDOWS_SERVER_2019_FULL"},
			"ContainerDefinitions": [{"Name": "iis"}],
		},
	}})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task([{"Name": "api", "ReadonlyRootFilesystem": {"Fn::If": ["IsProd", true, false]}}])},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in ro.deny with input as v.template
	r.resource == "Td"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(ro.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {
		"Parameters": {"ReadOnly": {"Type": "String", "Default": "false"}},
		"Resources": {"Td": task([{"Name": "api", "ReadonlyRootFilesystem": {"Ref": "ReadOnly"}}])},
	}
	some v in cfn.variants(t)
	some r in ro.deny with input as v.template
	r.resource == "Td"
}

test_cdk_style_template_is_denied if {
	t := tpl({"TaskDef54694570": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"ContainerDefinitions": [{"Name": "api", "ReadonlyRootFilesystem": false, "User": "10001"}],
			"ExecutionRoleArn": {"Fn::GetAtt": ["TaskDefExecutionRoleB4775C97", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "web/TaskDef/Resource"},
	}})
	some r in ro.deny with input as t
	r.resource == "TaskDef54694570"
}
