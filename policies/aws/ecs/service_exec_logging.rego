# METADATA
# title: ECS services with ECS Exec enabled log the exec sessions
# description: >-
#   `EnableExecuteCommand` lets operators open an interactive shell in
#   running tasks.  CloudTrail records only that a session started; what was
#   typed and returned is recorded only when the cluster's
#   `ExecuteCommandConfiguration` sends session output to CloudWatch Logs or
#   S3 (`OVERRIDE`), or under `DEFAULT` when every container uses the
#   `awslogs` driver.  Unlogged interactive access to production containers
#   lets an insider or an attacker with stolen credentials read data and
#   change the workload without an audit trail.
# custom:
#   id: ECS.013
#   severity: medium
#   resource_types: [AWS::ECS::Service, AWS::ECS::Cluster, AWS::ECS::TaskDefinition]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12, AC-17(1)]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1", "10.2.1.2"]
#   remediation: |-
#     Disable ECS Exec (`EnableExecuteCommand: false`) where it is not needed; otherwise
#     log the sessions to an encrypted log group with `Logging: OVERRIDE` on the cluster.
#     ```ts
#     const cluster = new ecs.Cluster(this, 'Cluster', {
#       vpc,
#       executeCommandConfiguration: {
#         kmsKey,
#         logging: ecs.ExecuteCommandLogging.OVERRIDE,
#         logConfiguration: { cloudWatchLogGroup: execLogs, cloudWatchEncryptionEnabled: true },
#       },
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.service_exec_logging

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, service in cfn.resources("AWS::ECS::Service")
	aws_web.may_be_true(cfn.property(service, ["EnableExecuteCommand"], null))
	[cluster, config] := exec_config(service)
	some why in unlogged(service, cluster, config)
	result := {
		"msg": sprintf("ECS service %s enables ECS Exec, but the sessions are not logged: %s", [id, why]),
		"resource": id,
		"path": ["Properties", "EnableExecuteCommand"],
	}
}

# [description of the cluster, its ExecuteCommandConfiguration] when the
# template shows it: the default cluster (no Cluster property) has none;
# clusters defined elsewhere are not known.
exec_config(service) := ["the default cluster", {}] if {
	cfn.property(service, ["Cluster"], null) == null
}

exec_config(service) := [sprintf("cluster %s", [cid]), config] if {
	cid := aws_web.ref_id(cfn.property(service, ["Cluster"], null))
	input.Resources[cid].Type == "AWS::ECS::Cluster"
	config := cfn.property(input.Resources[cid], ["Configuration", "ExecuteCommandConfiguration"], {})
}

unlogged(service, cluster, config) := {why |
	is_object(config)
	some logging in aws_web.values(object.get(config, "Logging", null))
	aws_web.known(logging)
	some why in logging_gap(service, cluster, config, logging)
}

logging_gap(_, cluster, _, logging) := {sprintf("%s sets ExecuteCommandConfiguration.Logging to NONE", [cluster])} if {
	upper_string(logging) == "NONE"
}

logging_gap(_, cluster, config, logging) := {sprintf("%s uses Logging OVERRIDE without a CloudWatch log group or S3 bucket", [cluster])} if {
	upper_string(logging) == "OVERRIDE"
	log_config := object.get(config, "LogConfiguration", {})
	is_object(log_config)
	object.get(log_config, "CloudWatchLogGroupName", null) == null
	object.get(log_config, "S3BucketName", null) == null
}

# DEFAULT (also when Logging is not set) logs only through the containers'
# awslogs configuration.
logging_gap(service, cluster, _, logging) := {why |
	names := containers_without_awslogs(service)
	count(names) > 0
	why := sprintf("%s uses the DEFAULT exec logging, which only logs containers with the awslogs driver (not logged: %s)", [cluster, concat(", ", sort(names))])
} if default_logging(logging)

default_logging(logging) if logging == null

default_logging(logging) if upper_string(logging) == "DEFAULT"

upper_string(s) := upper(s) if is_string(s)

# Names of the service's containers whose logs do not go to awslogs (empty
# when the task definition is not in the template).
containers_without_awslogs(service) := {name |
	td := input.Resources[aws_web.ref_id(cfn.property(service, ["TaskDefinition"], null))]
	td.Type == "AWS::ECS::TaskDefinition"
	some i, c in cfn.as_array(cfn.property(td, ["ContainerDefinitions"], []))
	is_object(c)
	not awslogs(c)
	name := sprintf("%v", [object.get(c, "Name", sprintf("#%d", [i]))])
}

awslogs(c) if {
	every driver in aws_web.values(object.get(c, ["LogConfiguration", "LogDriver"], null)) {
		is_string(driver)
		lower(driver) == "awslogs"
	}
}
