package regent.aws.ecs.container_logging_test

import rego.v1

import data.regent.aws.ecs.container_logging as logging
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(containers) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}

awslogs := {"LogDriver": "awslogs", "Options": {"awslogs-group": {"Ref": "AppLogs"}, "awslogs-stream-prefix": "api", "awslogs-region": "eu-west-2"}}

test_container_without_log_configuration_is_denied if {
	some r in logging.deny with input as tpl({"Td": task([{"Name": "api"}])})
	r.resource == "Td"
	r.path == ["Properties", "ContainerDefinitions", 0, "LogConfiguration"]
	contains(r.msg, "has no LogConfiguration")
}

test_shipping_drivers_pass if {
	count(logging.deny) == 0 with input as tpl({"Td": task([
		{"Name": "api", "LogConfiguration": awslogs},
		{"Name": "app", "LogConfiguration": {"LogDriver": "awsfirelens", "Options": {"Name": "cloudwatch"}}},
		{"Name": "legacy", "LogConfiguration": {"LogDriver": "splunk", "Options": {"splunk-url": "https://splunk.example-bank.com"}}},
	])})
}

test_host_only_drivers_are_denied if {
	findings := logging.deny with input as tpl({"Td": task([
		{"Name": "a", "LogConfiguration": {"LogDriver": "none"}},
		{"Name": "b", "LogConfiguration": {"LogDriver": "json-file"}},
		{"Name": "c", "LogConfiguration": {"LogDriver": "journald"}},
	])})
	count(findings) == 3
	some r in findings
	r.path == ["Properties", "ContainerDefinitions", 1, "LogConfiguration", "LogDriver"]
	contains(r.msg, "json-file log driver")
}

test_missing_driver_and_wrong_types_are_denied if {
	findings := logging.deny with input as tpl({"Td": task([
		{"Name": "a", "LogConfiguration": {"Options": {}}},
		{"Name": "b", "LogConfiguration": "awslogs"},
		{"Name": "c", "LogConfiguration": {"LogDriver": true}},
	])})
	count(findings) == 3
	some r in findings
	contains(r.msg, "sets no LogDriver")
}

test_only_unlogged_container_is_reported if {
	findings := logging.deny with input as tpl({"Td": task([{"Name": "api", "LogConfiguration": awslogs}, {"Name": "sidecar"}])})
	count(findings) == 1
	some r in findings
	contains(r.msg, "\"sidecar\"")
}

test_driver_case_is_ignored if {
	count(logging.deny) == 0 with input as tpl({"Td": task([{"Name": "api", "LogConfiguration": {"LogDriver": "AWSLogs"}}])})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task([{"Name": "api", "LogConfiguration": {"Fn::If": ["IsProd", awslogs, {"Ref": "AWS::NoValue"}]}}])},
}

test_unlogged_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in logging.deny with input as v.template
	r.resource == "Td"
}

test_logged_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(logging.deny) == 0 with input as v.template
}

test_parameter_default_driver_none_is_denied if {
	t := {
		"Parameters": {"Driver": {"Type": "String", "Default": "none"}},
		"Resources": {"Td": task([{"Name": "api", "LogConfiguration": {"LogDriver": {"Ref": "Driver"}}}])},
	}
	some v in cfn.variants(t)
	some r in logging.deny with input as v.template
	r.path == ["Properties", "ContainerDefinitions", 0, "LogConfiguration", "LogDriver"]
}

test_cdk_style_template_passes_and_fails if {
	logged := {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {"ContainerDefinitions": [{"Name": "api", "LogConfiguration": {
			"LogDriver": "awslogs",
			"Options": {"awslogs-group": {"Ref": "AppLogsC5DF83A6"}, "awslogs-stream-prefix": "api", "mode": "non-blocking"},
		}}]},
		"Metadata": {"aws:cdk:path": "web/TaskDef/Resource"},
	}
	count(logging.deny) == 0 with input as tpl({"TaskDef54694570": logged, "AppLogsC5DF83A6": {"Type": "AWS::Logs::LogGroup"}})
	unlogged := json.patch(logged, [{"op": "remove", "path": "/Properties/ContainerDefinitions/0/LogConfiguration"}])
	some r in logging.deny with input as tpl({"TaskDef54694570": unlogged})
	r.resource == "TaskDef54694570"
}
