# METADATA
# title: ECS task definitions must not share the host's PID or IPC namespace
# description: >-
#   `PidMode: host` lets the containers see and signal every process on the
#   container instance (and read their environment and memory through
#   /proc when combined with extra capabilities); `IpcMode: host` shares the
#   host's System V IPC and POSIX shared memory.  Either breaks the isolation
#   between the task and the host and the other tasks on it.
# custom:
#   id: ECS.003
#   severity: high
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-6, SC-4, SC-39]
#     soc2: [CC6.1]
#   remediation: |-
#     Remove `PidMode: host` and `IpcMode: host`, or use `task` to share the namespace
#     only between the task's own containers.
#     ```ts
#     const taskDef = new ecs.Ec2TaskDefinition(this, 'NodeAgentTaskDef', {
#       networkMode: ecs.NetworkMode.AWS_VPC,
#       pidMode: ecs.PidMode.TASK,
#       ipcMode: ecs.IpcMode.TASK,
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.10]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.task_host_namespaces

import rego.v1

import data.regent.aws_web
import data.regent.cfn

_namespaces := {"PidMode": "process (PID)", "IpcMode": "IPC"}

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	some property, label in _namespaces
	aws_web.may_equal(cfn.property(td, [property], null), "host")
	result := {
		"msg": sprintf("Task definition %s shares the host's %s namespace (%s: host)", [id, label, property]),
		"resource": id,
		"path": ["Properties", property],
	}
}
