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
#   remediation: >-
#     Set `ReadonlyRootFilesystem: true` in every Linux container definition
#     (CDK: `readonlyRootFilesystem: true` in `addContainer`) and mount
#     volumes (e.g. a task-scoped `tmp` volume) for writable paths.
#   frameworks:
#     nist-800-53: [CM-5, CM-7, SI-7]
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
	aws_web.may_be_not_true(object.get(c, "ReadonlyRootFilesystem", null))
	result := {
		"msg": sprintf("Container %q of task definition %s has a writable root filesystem (ReadonlyRootFilesystem is not true)", [object.get(c, "Name", sprintf("#%d", [i])), id]),
		"resource": id,
		"path": ["Properties", "ContainerDefinitions", i, "ReadonlyRootFilesystem"],
	}
}

windows(td) if {
	some family in aws_web.values(cfn.property(td, ["RuntimePlatform", "OperatingSystemFamily"], null))
	is_string(family)
	startswith(upper(family), "WINDOWS")
}
