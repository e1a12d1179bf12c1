# METADATA
# title: ECS task definitions must not use the host network mode
# description: >-
#   With `NetworkMode: host` the containers share the container instance's
#   network stack: they can bind any host port, reach services listening on
#   the host's loopback interface (including the ECS agent's and the instance
#   metadata endpoints) and bypass the per-task security groups that the
#   awsvpc mode enforces.
# custom:
#   id: ECS.002
#   severity: high
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T10, T07]
#   mitigations: [M10, M07]
#   frameworks:
#     nist-800-53: [AC-4, SC-7, SC-39]
#     soc2: [CC6.1, CC6.6]
#   remediation: |-
#     Use `NetworkMode: awsvpc` so each task gets its own elastic network interface and
#     security groups (the default, and the only mode, for Fargate task definitions).
#     ```ts
#     const taskDef = new ecs.Ec2TaskDefinition(this, 'NodeAgentTaskDef', {
#       networkMode: ecs.NetworkMode.AWS_VPC,
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.task_host_network_mode

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	aws_web.may_equal(cfn.property(td, ["NetworkMode"], null), "host")
	result := {
		"msg": sprintf("Task definition %s uses the host network mode: its containers share the host's network stack and are not isolated by task security groups", [id]),
		"resource": id,
		"path": ["Properties", "NetworkMode"],
	}
}
