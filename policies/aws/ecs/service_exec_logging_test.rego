package regent.aws.ecs.service_exec_logging_test

import rego.v1

import data.regent.aws.ecs.service_exec_logging as exec_logging
import data.regent.cfn

awslogs := {"LogDriver": "awslogs", "Options": {"awslogs-group": {"Ref": "AppLogs"}}}

task(containers) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": containers}}

cluster(exec_config) := {"Type": "AWS::ECS::Cluster", "Properties": {"Configuration": {"ExecuteCommandConfiguration": exec_config}}}

service(enable) := {"Type": "AWS::ECS::Service", "Properties": {
	"Cluster": {"Ref": "Cluster"},
	"TaskDefinition": {"Ref": "Td"},
	"EnableExecuteCommand": enable,
}}

tpl(exec_config, containers, enable) := {"Resources": {
	"Cluster": cluster(exec_config),
	"Td": task(containers),
	"Svc": service(enable),
}}

override := {"Logging": "OVERRIDE", "LogConfiguration": {"CloudWatchLogGroupName": {"Ref": "ExecLogs"}, "CloudWatchEncryptionEnabled": true}}

test_logging_none_is_denied if {
	some r in exec_logging.deny with input as tpl({"Logging": "NONE"}, [{"Name": "api", "LogConfiguration": awslogs}], true)
	r.resource == "Svc"
	r.path == ["Properties", "EnableExecuteCommand"]
	contains(r.msg, "cluster Cluster sets ExecuteCommandConfiguration.Logging to NONE")
}

test_override_with_destination_passes if {
	count(exec_logging.deny) == 0 with input as tpl(override, [{"Name": "api"}], true)
}

test_override_without_destination_is_denied if {
	some r in exec_logging.deny with input as tpl({"Logging": "OVERRIDE", "LogConfiguration": {}}, [{"Name": "api"}], true)
	contains(r.msg, "without a CloudWatch log group or S3 bucket")
}

test_default_logging_needs_awslogs_in_every_container if {
	some r in exec_logging.deny with input as tpl({}, [{"Name": "api", "LogConfiguration": awslogs}, {"Name": "otel"}], true)
	contains(r.msg, "DEFAULT exec logging")
	contains(r.msg, "not logged: otel")
	count(exec_logging.deny) == 0 with input as tpl({"Logging": "DEFAULT"}, [{"Name": "api", "LogConfiguration": awslogs}], true)
}

test_exec_disabled_passes if {
	count(exec_logging.deny) == 0 with input as tpl({"Logging": "NONE"}, [{"Name": "api"}], false)
	count(exec_logging.deny) == 0 with input as tpl({"Logging": "NONE"}, [{"Name": "api"}], "false")
}

test_string_true_enables_exec if {
	some r in exec_logging.deny with input as tpl({"Logging": "NONE"}, [{"Name": "api"}], "true")
	r.resource == "Svc"
}

test_default_cluster_without_awslogs_is_denied if {
	t := {"Resources": {
		"Td": task([{"Name": "api"}]),
		"Svc": {"Type": "AWS::ECS::Service", "Properties": {"TaskDefinition": {"Ref": "Td"}, "EnableExecuteCommand": true}},
	}}
	some r in exec_logging.deny with input as t
	contains(r.msg, "the default cluster")
}

test_external_cluster_is_not_judged if {
	t := {"Resources": {
		"Td": task([{"Name": "api"}]),
		"Svc": {"Type": "AWS::ECS::Service", "Properties": {
			"Cluster": "arn:aws:ecs:eu-west-2:111122223333:cluster/shared",
			"TaskDefinition": {"Ref": "Td"},
			"EnableExecuteCommand": true,
		}},
	}}
	count(exec_logging.deny) == 0 with input as t
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {
		"Cluster": cluster({"Fn::If": ["IsProd", override, {"Logging": "NONE"}]}),
		"Td": task([{"Name": "api"}]),
		"Svc": service(true),
	},
}

test_unlogged_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in exec_logging.deny with input as v.template
	r.resource == "Svc"
}

test_logged_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(exec_logging.deny) == 0 with input as v.template
}

test_parameter_default_none_is_denied if {
	t := {
		"Parameters": {"ExecLogging": {"Type": "String", "Default": "NONE"}},
		"Resources": {
			"Cluster": cluster({"Logging": {"Ref": "ExecLogging"}}),
			"Td": task([{"Name": "api", "LogConfiguration": awslogs}]),
			"Svc": service(true),
		},
	}
	some v in cfn.variants(t)
	some r in exec_logging.deny with input as v.template
	r.resource == "Svc"
}

test_cdk_style_template_passes if {
	t := {"Resources": {
		"ClusterEB0386A7": {
			"Type": "AWS::ECS::Cluster",
			"Properties": {"Configuration": {"ExecuteCommandConfiguration": {
				"KmsKeyId": {"Fn::GetAtt": ["ServiceKey5A47A26D", "Arn"]},
				"LogConfiguration": {"CloudWatchEncryptionEnabled": true, "CloudWatchLogGroupName": {"Ref": "ExecLogs6390DA49"}},
				"Logging": "OVERRIDE",
			}}},
			"Metadata": {"aws:cdk:path": "web/Cluster/Resource"},
		},
		"TaskDef54694570": task([{"Name": "api"}]),
		"ServiceD69D759B": {
			"Type": "AWS::ECS::Service",
			"Properties": {"Cluster": {"Ref": "ClusterEB0386A7"}, "TaskDefinition": {"Ref": "TaskDef54694570"}, "EnableExecuteCommand": true},
			"Metadata": {"aws:cdk:path": "web/Service/Service"},
		},
	}}
	count(exec_logging.deny) == 0 with input as t
}
