package regent.aws.ecs.task_host_network_mode_test

import rego.v1

import data.regent.aws.ecs.task_host_network_mode
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(props) := {"Type": "AWS::ECS::TaskDefinition", "Properties": props}

test_host_network_mode_is_denied if {
	some r in task_host_network_mode.deny with input as tpl({"Td": task({"NetworkMode": "host"})})
	r.resource == "Td"
	r.path == ["Properties", "NetworkMode"]
	contains(r.msg, "host network mode")
}

test_awsvpc_and_bridge_pass if {
	count(task_host_network_mode.deny) == 0 with input as tpl({
		"A": task({"NetworkMode": "awsvpc"}),
		"B": task({"NetworkMode": "bridge"}),
		"C": task({}),
	})
}

test_mode_is_case_insensitive if {
	some r in task_host_network_mode.deny with input as tpl({"Td": task({"NetworkMode": "HOST"})})
	r.resource == "Td"
}

test_wrong_types_are_ignored if {
	count(task_host_network_mode.deny) == 0 with input as tpl({
		"A": task({"NetworkMode": 1}),
		"B": task({"NetworkMode": ["host"]}),
		"C": {"Type": "AWS::ECS::TaskDefinition"},
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task({"NetworkMode": {"Fn::If": ["IsProd", "awsvpc", "host"]}})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in task_host_network_mode.deny with input as v.template
	r.resource == "Td"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(task_host_network_mode.deny) == 0 with input as v.template
}

test_parameter_default_host_is_denied if {
	t := {
		"Parameters": {"Mode": {"Type": "String", "Default": "host"}},
		"Resources": {"Td": task({"NetworkMode": {"Ref": "Mode"}})},
	}
	some v in cfn.variants(t)
	some r in task_host_network_mode.deny with input as v.template
	r.resource == "Td"
}

test_cdk_style_template_is_denied if {
	t := tpl({"NodeAgentTaskDef65B7296A": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"NetworkMode": "host",
			"ExecutionRoleArn": {"Fn::GetAtt": ["NodeAgentTaskDefExecutionRoleECD7D2B6", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "web/NodeAgentTaskDef/Resource"},
	}})
	some r in task_host_network_mode.deny with input as t
	r.resource == "NodeAgentTaskDef65B7296A"
}
