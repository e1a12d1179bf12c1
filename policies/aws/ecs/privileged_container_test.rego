package regent.aws.ecs.privileged_container_test

import rego.v1

import data.regent.aws.ecs.privileged_container
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(containers) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}

test_privileged_container_is_denied if {
	some r in privileged_container.deny with input as tpl({"Td": task([{"Name": "agent", "Privileged": true}])})
	r.resource == "Td"
	r.path == ["Properties", "ContainerDefinitions", 0, "Privileged"]
	contains(r.msg, "\"agent\"")
	contains(r.msg, "privileged mode")
}

test_unprivileged_and_default_containers_pass if {
	count(privileged_container.deny) == 0 with input as tpl({"Td": task([
		{"Name": "api", "Privileged": false},
		{"Name": "sidecar"},
	])})
}

test_string_true_is_denied if {
	some r in privileged_container.deny with input as tpl({"Td": task([{"Name": "api"}, {"Name": "agent", "Privileged": "true"}])})
	r.path == ["Properties", "ContainerDefinitions", 1, "Privileged"]
}

test_string_false_passes if {
	count(privileged_container.deny) == 0 with input as tpl({"Td": task([{"Name": "agent", "Privileged": "false"}])})
}

test_unnamed_container_is_reported_by_index if {
	some r in privileged_container.deny with input as tpl({"Td": task([{"Privileged": true}])})
	contains(r.msg, "#0")
}

test_malformed_container_definitions_are_ignored if {
	count(privileged_container.deny) == 0 with input as tpl({
		"A": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": "oops"}},
		"B": {"Type": "AWS::ECS::TaskDefinition"},
		"C": task(["not an object"]),
	})
}

tpl_with_if := {
	"Conditions": {"Debug": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task([{"Name": "api", "Privileged": {"Fn::If": ["Debug", true, false]}}])},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.Debug == true
	some r in privileged_container.deny with input as v.template
	r.resource == "Td"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.Debug == false
	count(privileged_container.deny) == 0 with input as v.template
}

test_parameter_default_true_is_denied if {
	t := {
		"Parameters": {"Priv": {"Type": "String", "Default": "true"}},
		"Resources": {"Td": task([{"Name": "api", "Privileged": {"Ref": "Priv"}}])},
	}
	some v in cfn.variants(t)
	some r in privileged_container.deny with input as v.template
	r.resource == "Td"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"NodeAgentTaskDef65B7296A": {
			"Type": "AWS::ECS::TaskDefinition",
			"Properties": {
				"ContainerDefinitions": [{"Name": "agent", "Image": "public.ecr.aws/example/node-agent:3.2", "Privileged": true}],
				"TaskRoleArn": {"Fn::GetAtt": ["NodeAgentTaskDefTaskRole14A942A8", "Arn"]},
			},
			"Metadata": {"aws:cdk:path": "web/NodeAgentTaskDef/Resource"},
		},
		"NodeAgentTaskDefTaskRole14A942A8": {"Type": "AWS::IAM::Role", "Properties": {}},
	})
	some r in privileged_container.deny with input as t
	r.resource == "NodeAgentTaskDef65B7296A"
}
