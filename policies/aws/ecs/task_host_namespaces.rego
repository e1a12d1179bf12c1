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
#   remediation: >-
#     Remove `PidMode: host` and `IpcMode: host` from the task definition
#     (CDK: do not set `pidMode`/`ipcMode` to `HOST`), or use `task` to share
#     the namespace only between the task's own containers.
#   frameworks:
#     nist-800-53: [AC-6, SC-4, SC-39]
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
