package regent.aws.ecs.task_host_namespaces_test

import rego.v1

import data.regent.aws.ecs.task_host_namespaces
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(props) := {"Type": "AWS::ECS::TaskDefinition", "Properties": props}

test_host_pid_mode_is_denied if {
	some r in task_host_namespaces.deny with input as tpl({"Td": task({"PidMode": "host"})})
	r.resource == "Td"
	r.path == ["Properties", "PidMode"]
	contains(r.msg, "process (PID) namespace")
}

test_host_ipc_mode_is_denied if {
	some r in task_host_namespaces.deny with input as tpl({"Td": task({"IpcMode": "host"})})
	r.path == ["Properties", "IpcMode"]
	contains(r.msg, "IPC namespace")
}

test_both_namespaces_give_two_findings if {
	count(task_host_namespaces.deny) == 2 with input as tpl({"Td": task({"PidMode": "host", "IpcMode": "host"})})
}

test_task_mode_and_default_pass if {
	count(task_host_namespaces.deny) == 0 with input as tpl({
		"A": task({"PidMode": "task", "IpcMode": "none"}),
		"B": task({}),
		"C": task({"PidMode": true, "IpcMode": 0}),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task({"PidMode": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, "host"]}})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in task_host_namespaces.deny with input as v.template
	r.path == ["Properties", "PidMode"]
}

test_novalue_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(task_host_namespaces.deny) == 0 with input as v.template
}

test_parameter_default_host_is_denied if {
	t := {
		"Parameters": {"Ipc": {"Type": "String", "Default": "host"}},
		"Resources": {"Td": task({"IpcMode": {"Ref": "Ipc"}})},
	}
	some v in cfn.variants(t)
	some r in task_host_namespaces.deny with input as v.template
	r.path == ["Properties", "IpcMode"]
}

test_cdk_style_template_is_denied if {
	t := tpl({"NodeAgentTaskDef65B7296A": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {"PidMode": "host", "TaskRoleArn": {"Fn::GetAtt": ["NodeAgentTaskDefTaskRole14A942A8", "Arn"]}},
		"Metadata": {"aws:cdk:path": "web/NodeAgentTaskDef/Resource"},
	}})
	some r in task_host_namespaces.deny with input as t
	r.resource == "NodeAgentTaskDef65B7296A"
}
