# METADATA
# title: ECS containers should have a hard memory limit
# description: >-
#   A container with only a soft limit (`MemoryReservation`) or no limit can
#   grow until it exhausts the memory of the task or the container instance,
#   starving or getting the OOM killer to stop the other containers placed
#   with it: a denial of service that a single leaking or attacked container
#   can trigger.
# custom:
#   id: ECS.006
#   severity: low
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T12]
#   mitigations: [M12]
#   frameworks:
#     nist-800-53: [SC-5, SC-6]
#   remediation: |-
#     Set `Memory` (the hard limit, in MiB) on every container definition; keep
#     `MemoryReservation` as the soft limit if needed.
#     ```ts
#     taskDef.addContainer('api', {
#       image: ecs.ContainerImage.fromEcrRepository(repo, '1.14.2'),
#       memoryLimitMiB: 1536,
#       memoryReservationMiB: 1024,
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.7]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.container_memory_limit

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	containers := cfn.property(td, ["ContainerDefinitions"], [])
	is_array(containers)
	some i, c in containers
	is_object(c)
	aws_web.may_be_absent(object.get(c, "Memory", null))
	result := {
		"msg": sprintf("Container %q of task definition %s has no hard memory limit (Memory)%s", [object.get(c, "Name", sprintf("#%d", [i])), id, soft(c)]),
		"resource": id,
		"path": ["Properties", "ContainerDefinitions", i, "Memory"],
	}
}

soft(c) := "; it only has a soft MemoryReservation" if {
	object.get(c, "MemoryReservation", null) != null
} else := ""
