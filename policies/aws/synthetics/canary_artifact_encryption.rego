# METADATA
# title: CloudWatch Synthetics canary artifacts should be encrypted with a customer-managed KMS key
# description: >-
#   Canary artifacts (screenshots, HAR files, logs and reports) capture the
#   pages and API responses the canary sees, often including session tokens
#   and customer data.  Without `ArtifactConfig.S3Encryption` set to SSE_KMS
#   they are stored with S3-managed keys, so access cannot be limited or
#   audited through a key policy.
# custom:
#   id: SYNTHETICS.002
#   severity: low
#   resource_types: [AWS::Synthetics::Canary]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `ArtifactConfig.S3Encryption: {EncryptionMode: SSE_KMS, KmsKeyArn:
#     <customer-managed key>}`.
#     ```ts
#     new synthetics.Canary(this, 'Canary', {
#       // ...
#       artifactS3EncryptionMode: synthetics.ArtifactsEncryptionMode.KMS,
#       artifactS3KmsKey: canaryKey,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.synthetics.canary_artifact_encryption

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, canary in cfn.resources("AWS::Synthetics::Canary")
	path := ["ArtifactConfig", "S3Encryption", "EncryptionMode"]
	some mode in aws_web.values(cfn.property(canary, path, null))
	aws_web.known(mode)
	not mode == "SSE_KMS"
	result := {
		"msg": sprintf("Synthetics canary %s stores its artifacts without a customer-managed KMS key (%s)", [id, shown(mode)]),
		"resource": id,
		"path": array.concat(["Properties"], path),
	}
}

shown(mode) := "no S3Encryption, so SSE-S3" if mode == null

shown(mode) := sprintf("EncryptionMode %v", [mode]) if mode != null
