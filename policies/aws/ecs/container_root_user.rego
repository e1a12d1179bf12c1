# METADATA
# title: ECS containers should run as a non-root user
# description: >-
#   A container that runs as root (explicitly, or implicitly because no
#   `User` is set and most images default to root) turns any code-execution
#   bug into root inside the container: it can modify the image's binaries,
#   read every mounted file and, with any container-escape flaw or extra
#   capability, act as root on the host.
# custom:
#   id: ECS.004
#   severity: medium
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-6, CM-7]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `User` to an unprivileged UID and GID (e.g. `"10001:10001"`) in every Linux
#     container definition, and build images that work as that user.
#     ```ts
#     taskDef.addContainer('api', {
#       image: ecs.ContainerImage.fromEcrRepository(repo, '1.14.2'),
#       user: '10001:10001',
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.container_root_user

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
	some user in aws_web.values(object.get(c, "User", null))
	root(user)
	result := {
		"msg": sprintf("Container %q of task definition %s %s", [object.get(c, "Name", sprintf("#%d", [i])), id, why(user)]),
		"resource": id,
		"path": ["Properties", "ContainerDefinitions", i, "User"],
	}
}

root(user) if user == null

# "root", "0", "root:root", "0:0", "0:1000", with or without spaces.
root(user) if {
	is_string(user)
	regex.match(`^\s*(root|0)\s*(:.*)?$`, user)
}

# A numeric UID given as a JSON number.
root(user) if user == 0

why(user) := "sets no User, so it runs as the image's default user (root for most images)" if user == null

why(user) := sprintf("runs as root (User: %v)", [user]) if user != null

windows(td) if {
	some family in aws_web.values(cfn.property(td, ["RuntimePlatform", "OperatingSystemFamily"], null))
	is_string(family)
	startswith(upper(family), "WINDOWS")
}
