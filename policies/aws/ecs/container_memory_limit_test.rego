package regent.aws.ecs.container_memory_limit_test

import rego.v1

import data.regent.aws.ecs.container_memory_limit as mem
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(containers) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}

test_missing_memory_is_denied if {
	some r in mem.deny with input as tpl({"Td": task([{"Name": "api"}])})
	r.resource == "Td"
	r.path == ["Properties", "ContainerDefinitions", 0, "Memory"]
	contains(r.msg, "no hard memory limit")
	not contains(r.msg, "soft")
}

test_soft_limit_only_is_denied_and_explained if {
	some r in mem.deny with input as tpl({"Td": task([{"Name": "api", "MemoryReservation": 1024}])})
	contains(r.msg, "only has a soft MemoryReservation")
}

test_hard_limit_passes if {
	count(mem.deny) == 0 with input as tpl({"Td": task([
		{"Name": "api", "Memory": 1536, "MemoryReservation": 1024},
		{"Name": "otel", "Memory": "256"},
	])})
}

test_malformed_definitions_are_ignored if {
	count(mem.deny) == 0 with input as tpl({
		"A": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": {"Name": "api"}}},
		"B": task([42]),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task([{"Name": "api", "Memory": {"Fn::If": ["IsProd", 2048, {"Ref": "AWS::NoValue"}]}}])},
}

test_novalue_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in mem.deny with input as v.template
	r.resource == "Td"
}

test_limited_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(mem.deny) == 0 with input as v.template
}

test_parameter_limit_passes if {
	t := {
		"Parameters": {"Mem": {"Type": "Number", "Default": "512"}},
		"Resources": {"Td": task([{"Name": "api", "Memory": {"Ref": "Mem"}}])},
	}
	some v in cfn.variants(t)
	count(mem.deny) == 0 with input as v.template
}

test_cdk_style_template_is_denied if {
	t := tpl({"TaskDef54694570": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"ContainerDefinitions": [{"Name": "api", "MemoryReservation": 1024}],
			"TaskRoleArn": {"Fn::GetAtt": ["TaskDefTaskRole1EDB4A67", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "web/TaskDef/Resource"},
	}})
	some r in mem.deny with input as t
	r.resource == "TaskDef54694570"
}
