# METADATA
# title: CodeBuild artifacts and S3 logs are encrypted
# description: >-
#   `EncryptionDisabled: true` writes build artifacts (which often embed
#   configuration, bundled secrets and the code that will be deployed) or
#   build logs to S3 without encryption, so anyone able to read the bucket or
#   its replicas reads them and tampering goes undetected by KMS.
# custom:
#   id: CODEBUILD.003
#   severity: medium
#   resource_types: [AWS::CodeBuild::Project]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28]
#     soc2: [CC6.1]
#   remediation: |-
#     Remove `EncryptionDisabled: true` from `Artifacts`,
#     `SecondaryArtifacts[]` and `LogsConfig.S3Logs`.
#     ```ts
#     new codebuild.Project(this, 'Build', {
#       artifacts: codebuild.Artifacts.s3({ bucket: artifactBucket, encryption: true }),
#       logging: { s3: { bucket: logBucket, encrypted: true } },
#     });
#     ```
#   aliases:
#     control_tower: [CT.CODEBUILD.PR.5, CT.CODEBUILD.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.codebuild.encryption_disabled

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# [what, path relative to the resource, EncryptionDisabled value]
settings(r) := {x |
	some [what, path] in [
		["artifacts", ["Properties", "Artifacts"]],
		["S3 build logs", ["Properties", "LogsConfig", "S3Logs"]],
	]
	value := object.get(r, array.concat(path, ["EncryptionDisabled"]), false)
	x := [what, array.concat(path, ["EncryptionDisabled"]), value]
} | {x |
	some i, a in r.Properties.SecondaryArtifacts
	x := [sprintf("secondary artifacts %d", [i]), ["Properties", "SecondaryArtifacts", i, "EncryptionDisabled"], object.get(a, "EncryptionDisabled", false)]
}

deny contains result if {
	some id, r in cfn.resources("AWS::CodeBuild::Project")
	some [what, path, value] in settings(r)
	aws_iam.is_true(value)
	result := {
		"msg": sprintf("%s: CodeBuild %s are written unencrypted (EncryptionDisabled: true); expected encryption with the project's KMS key", [id, what]),
		"resource": id,
		"path": path,
	}
}
