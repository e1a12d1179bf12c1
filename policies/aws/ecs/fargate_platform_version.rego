# METADATA
# title: ECS Fargate services should run on a current platform version
# description: >-
#   Linux Fargate platform versions before 1.4.0 run on an older kernel and
#   container runtime stack and lack later security features (such as
#   encrypted ephemeral storage and VPC-only image pulls).  A pinned old
#   version does not receive the platform updates that `LATEST` gets.
# custom:
#   id: ECS.010
#   severity: medium
#   resource_types: [AWS::ECS::Service, AWS::ECS::TaskDefinition]
#   threats: [T11]
#   mitigations: [M11]
#   frameworks:
#     nist-800-53: [SI-2, CM-2]
#     pci-dss-4.0: ["6.3.3"]
#   remediation: |-
#     Set `PlatformVersion: LATEST` (or 1.4.0 or later) on the service, or leave it unset.
#     ```ts
#     new ecs.FargateService(this, 'Service', {
#       cluster,
#       taskDefinition,
#       platformVersion: ecs.FargatePlatformVersion.LATEST,
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.fargate_platform_version

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, service in cfn.resources("AWS::ECS::Service")
	fargate(service)
	not windows_task(service)
	some version in aws_web.values(cfn.property(service, ["PlatformVersion"], null))
	is_string(version)
	regex.match(`^[0-9]+\.[0-9]+\.[0-9]+$`, version)
	semver.compare(version, "1.4.0") < 0
	result := {
		"msg": sprintf("ECS service %s is pinned to Fargate platform version %s; use LATEST or 1.4.0 and later", [id, version]),
		"resource": id,
		"path": ["Properties", "PlatformVersion"],
	}
}

fargate(service) if aws_web.may_equal(cfn.property(service, ["LaunchType"], null), "FARGATE")

fargate(service) if {
	some strategy in cfn.as_array(cfn.property(service, ["CapacityProviderStrategy"], []))
	provider := object.get(strategy, "CapacityProvider", "")
	aws_web.may_equal(provider, "FARGATE")
}

fargate(service) if {
	some strategy in cfn.as_array(cfn.property(service, ["CapacityProviderStrategy"], []))
	provider := object.get(strategy, "CapacityProvider", "")
	aws_web.may_equal(provider, "FARGATE_SPOT")
}

windows_task(service) if {
	td := input.Resources[aws_web.ref_id(cfn.property(service, ["TaskDefinition"], null))]
	some family in aws_web.values(cfn.property(td, ["RuntimePlatform", "OperatingSystemFamily"], null))
	is_string(family)
	startswith(upper(family), "WINDOWS")
}
