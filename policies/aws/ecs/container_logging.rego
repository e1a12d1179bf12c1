# METADATA
# title: ECS containers send their logs to a central log service
# description: >-
#   A container definition without a `LogConfiguration` (or with the `none`,
#   `json-file`, `journald` or `local` driver) keeps its output on the host
#   at best: on Fargate it is discarded, on EC2 it disappears with the
#   instance.  Application errors, authentication failures and the traces of
#   an intrusion are then lost, and nobody can investigate or alert on them.
# custom:
#   id: ECS.012
#   severity: medium
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-6, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Give every container definition a `LogConfiguration` whose `LogDriver` ships the
#     logs off the host: `awslogs` to an encrypted CloudWatch Logs group, or `awsfirelens`.
#     ```ts
#     taskDef.addContainer('api', {
#       image: ecs.ContainerImage.fromEcrRepository(repo, '1.14.2'),
#       logging: ecs.LogDrivers.awsLogs({
#         logGroup: appLogs,
#         streamPrefix: 'api',
#         mode: ecs.AwsLogDriverMode.NON_BLOCKING,
#       }),
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-ECS7]
#     control_tower: [CT.ECS.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.container_logging

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# Log drivers that deliver the logs to a service off the host.
shipping_drivers := {"awslogs", "awsfirelens", "splunk", "fluentd", "gelf", "syslog", "logentries"}

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	containers := cfn.property(td, ["ContainerDefinitions"], [])
	is_array(containers)
	some i, c in containers
	is_object(c)
	some conf in aws_web.values(object.get(c, "LogConfiguration", null))
	aws_web.known(conf)
	some [rel, problem] in problems(conf)
	result := {
		"msg": sprintf("Container %q of task definition %s %s, so its logs are not collected", [object.get(c, "Name", sprintf("#%d", [i])), id, problem]),
		"resource": id,
		"path": array.concat(["Properties", "ContainerDefinitions", i, "LogConfiguration"], rel),
	}
}

problems(conf) := {[[], "has no LogConfiguration"]} if conf == null

problems(conf) := {[[], "has a malformed LogConfiguration"]} if {
	conf != null
	not is_object(conf)
}

problems(conf) := {[["LogDriver"], why] |
	some driver in aws_web.values(object.get(conf, "LogDriver", null))
	aws_web.known(driver)
	not shipping(driver)
	why := driver_problem(driver)
} if is_object(conf)

shipping(driver) if {
	is_string(driver)
	lower(driver) in shipping_drivers
}

driver_problem(driver) := "sets no LogDriver" if driver == null

driver_problem(driver) := sprintf("uses the %v log driver, which does not ship logs off the host", [driver]) if driver != null
