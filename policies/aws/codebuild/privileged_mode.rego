# METADATA
# title: CodeBuild projects do not run in privileged mode
# description: >-
#   Privileged mode runs the build container with full access to the host's
#   devices and kernel capabilities (needed only for Docker-in-Docker). Any
#   dependency or build script, including one pulled from a compromised
#   package registry, can then escape the container and reach the build
#   host and its credentials.
# custom:
#   id: CODEBUILD.001
#   severity: high
#   resource_types: [AWS::CodeBuild::Project]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-6, CM-7]
#   remediation: |-
#     Set `Environment.PrivilegedMode: false`; build container images in a
#     dedicated, isolated project or with rootless builders (kaniko, buildah).
#     ```ts
#     new codebuild.Project(this, 'Build', {
#       environment: { buildImage: codebuild.LinuxBuildImage.STANDARD_7_0, privileged: false },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-CB3]
#     control_tower: [CT.CODEBUILD.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.codebuild.privileged_mode

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CodeBuild::Project")
	aws_iam.is_true(r.Properties.Environment.PrivilegedMode)
	result := {
		"msg": sprintf("%s: CodeBuild project runs builds in privileged mode; expected Environment.PrivilegedMode: false", [id]),
		"resource": id,
		"path": ["Properties", "Environment", "PrivilegedMode"],
	}
}
