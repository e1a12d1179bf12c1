# METADATA
# title: CloudTrail trails encrypt logs with a customer-managed KMS key
# description: >-
#   Without `KMSKeyId` trail logs are only SSE-S3 encrypted, so anyone who
#   can read the bucket reads the account's full API history (resource
#   names, principals, source IPs). With SSE-KMS, reading logs also needs
#   kms:Decrypt on a key whose policy the security team controls.
# custom:
#   id: CLOUDTRAIL.002
#   severity: medium
#   resource_types: [AWS::CloudTrail::Trail]
#   threats: [T08, T01]
#   mitigations: [M08, M01]
#   frameworks:
#     nist-800-53: [AU-9, SC-28]
#     soc2: [CC6.1]
#     cis-aws: ["3.5"]
#     pci-dss-4.0: ["10.3.1"]
#   remediation: |-
#     Set `KMSKeyId` to a customer-managed key whose policy allows
#     cloudtrail.amazonaws.com to call kms:GenerateDataKey*.
#     ```ts
#     new cloudtrail.Trail(this, 'Trail', {
#       isMultiRegionTrail: true,
#       includeGlobalServiceEvents: true,
#       enableFileValidation: true,
#       encryptionKey: trailKey,
#       sendToCloudWatchLogs: true,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_35]
#     control_tower: [CT.CLOUDTRAIL.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudtrail.kms_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CloudTrail::Trail")
	key := cfn.property(r, ["KMSKeyId"], null)
	not aws_iam.customer_managed_key(key)
	result := {
		"msg": sprintf("%s: CloudTrail trail logs are not encrypted with a customer-managed KMS key; expected KMSKeyId", [id]),
		"resource": id,
		"path": path(key),
	}
}

path(key) := ["Properties"] if {
	key == null
} else := ["Properties", "KMSKeyId"]
