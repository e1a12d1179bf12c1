# METADATA
# title: KMS keys have automatic key rotation enabled
# description: >-
#   A customer-managed symmetric key that is never rotated keeps the same key
#   material for its whole life, so any exposure of that material (or of data
#   keys wrapped under it) stays exploitable indefinitely and the key fails
#   most cryptographic-period requirements (PCI DSS 4.0 3.7.4, NIST SP
#   800-57). Asymmetric and HMAC keys cannot be rotated automatically and are
#   not checked.
# custom:
#   id: KMS.001
#   severity: medium
#   resource_types: [AWS::KMS::Key]
#   threats: [T13]
#   mitigations: [M13]
#   frameworks:
#     nist-800-53: [SC-12, SC-28]
#     soc2: [CC6.1]
#     cis-aws: ["3.6"]
#     pci-dss-4.0: ["3.7.4"]
#   remediation: |-
#     Set `EnableKeyRotation: true` on the key (optionally with `RotationPeriodInDays`).
#     ```ts
#     new kms.Key(this, 'DataKey', {
#       enableKeyRotation: true,
#     });
#     ```
#   aliases:
#     cfn_nag: [F19]
#     checkov: [CKV_AWS_7]
#     cdk_nag: [AwsSolutions-KMS5]
#     control_tower: [CT.KMS.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.kms.key_rotation

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

symmetric(r) if cfn.property(r, ["KeySpec"], "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"

deny contains result if {
	some id, r in cfn.resources("AWS::KMS::Key")
	symmetric(r)
	not aws_iam.is_true(cfn.property(r, ["EnableKeyRotation"], false))
	path := rotation_path(r)
	result := {
		"msg": sprintf("%s: KMS key does not rotate its key material automatically, so exposed key material stays usable for the key's whole life; expected EnableKeyRotation: true", [id]),
		"resource": id,
		"path": path,
	}
}

rotation_path(r) := ["Properties", "EnableKeyRotation"] if {
	"EnableKeyRotation" in object.keys(r.Properties)
} else := ["Properties"]
