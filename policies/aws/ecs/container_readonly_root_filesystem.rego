# METADATA
# title: ECS containers should have a read-only root filesystem
# description: >-
#   A writable root filesystem lets an attacker who gets code execution in
#   the container drop tools, replace binaries or plant persistence in the
#   image layers for the lifetime of the task.  A read-only root filesystem,
#   with explicit volumes for the paths that must be written (such as /tmp),
#   limits what a compromise can change.
# custom:
#   id: ECS.005
#   severity: medium
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [CM-5, CM-7, SI-7]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `ReadonlyRootFilesystem: true` in every Linux container definition and mount
#     a task volume for each path that must be writable (such as /tmp).
#     ```ts
#     taskDef.addVolume({ name: 'tmp' });
#     const api = taskDef.addContainer('api', {
#       image: ecs.ContainerImage.fromEcrRepository(repo, '1.14.2'),
#       readonlyRootFilesystem: true,
#     });
#     api.addMountPoints({ sourceVolume: 'tmp', containerPath: '/tmp', readOnly: false });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.container_readonly_root_filesystem

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	not windows(td)
	containers := cfn.property(td, ["ContainerDefinitions"], [])
	is_array(containers)
	some i, c in containers
	is_object(c)
	aws_web.may_be_not_true(object.get(c, "ReadonlyRootFilesystem", null))
	result := {
		"msg": sprintf("Container %q of task definition %s has a writable root filesystem (ReadonlyRootFilesystem is not true)", [object.get(c, "Name", sprintf("#%d", [i])), id]),
		"resource": id,
		"path": ["Properties", "ContainerDefinitions", i, "ReadonlyRootFilesystem"],
	}
}

# Windows containers do not support a read-only root filesystem.
windows(td) if {
	some family in aws_web.values(cfn.property(td, ["RuntimePlatform", "OperatingSystemFamily"], null))
	is_string(family)
	startswith(upper(family), "WINDOWS")
}
