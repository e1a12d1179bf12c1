# METADATA
# title: ECS containers must not run privileged
# description: >-
#   A privileged container gets all Linux capabilities and access to the
#   host's devices: a compromise of the application (or of the image) becomes
#   a compromise of the container instance and of every other task and
#   credential on it.  Privileged mode is only available on the EC2 launch
#   type, where tasks share hosts.
# custom:
#   id: ECS.001
#   severity: high
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-6, CM-7, SC-39]
#     soc2: [CC6.1]
#   remediation: |-
#     Remove `Privileged: true` from the container definition and grant only the
#     Linux capabilities the workload needs through `LinuxParameters.Capabilities.Add`.
#     ```ts
#     const linuxParameters = new ecs.LinuxParameters(this, 'LinuxParams');
#     linuxParameters.addCapabilities(ecs.Capability.NET_BIND_SERVICE);
#     taskDef.addContainer('agent', {
#       image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/agent:3.2'),
#       privileged: false,
#       linuxParameters,
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.11]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.privileged_container

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	containers := cfn.property(td, ["ContainerDefinitions"], [])
	is_array(containers)
	some i, c in containers
	is_object(c)
	aws_web.may_be_true(object.get(c, "Privileged", null))
	result := {
		"msg": sprintf("Container %q of task definition %s runs in privileged mode (full access to the host's devices and kernel capabilities)", [object.get(c, "Name", sprintf("#%d", [i])), id]),
		"resource": id,
		"path": ["Properties", "ContainerDefinitions", i, "Privileged"],
	}
}
