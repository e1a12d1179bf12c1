# METADATA
# title: S3 buckets are encrypted with a customer-managed KMS key
# description: >-
#   With SSE-S3 (AES256) or the AWS-managed aws/s3 key, anyone granted
#   s3:GetObject can read the data at rest: access cannot be narrowed,
#   audited or revoked through a key policy, and CloudTrail records no
#   per-object key use. A customer-managed key adds a second, independently
#   controlled authorization layer. Log destination buckets (S3 server
#   access logs, CloudFront standard logs, load balancer access logs) are
#   exempt: those services can only write with SSE-S3.
# custom:
#   id: S3.001
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `SSEAlgorithm: aws:kms` with the `KMSMasterKeyID` of a customer-managed key in the bucket's default encryption, and `BucketKeyEnabled: true` to keep KMS costs down.
#     ```ts
#     new s3.Bucket(this, 'Data', {
#       encryption: s3.BucketEncryption.KMS,
#       encryptionKey: key,
#       bucketKeyEnabled: true,
#     });
#     ```
#   aliases:
#     cfn_nag: [W41]
#     checkov: [CKV_AWS_145]
#     control_tower: [CT.S3.PR.10]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_kms_encryption

import rego.v1

import data.regent.aws.s3.bucket_access_logging
import data.regent.aws_iam
import data.regent.cfn

# The default-encryption rules (an empty list when missing or malformed).
sse_rules(r) := rules if {
	rules := cfn.property(r, ["BucketEncryption", "ServerSideEncryptionConfiguration"], [])
	is_array(rules)
} else := []

kms_algorithm(algo) if algo in {"aws:kms", "aws:kms:dsse"}

cmk_encrypted(r) if {
	some rule in sse_rules(r)
	kms_algorithm(rule.ServerSideEncryptionByDefault.SSEAlgorithm)
	aws_iam.customer_managed_key(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)
}

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	not cmk_encrypted(r)
	not bucket_access_logging.log_destination(id)
	[what, path] := finding(r)
	result := {
		"msg": sprintf("%s: S3 bucket %s, so its data at rest can be read by anyone granted s3:GetObject, with no key policy of yours to restrict, audit or revoke access; set BucketEncryption SSEAlgorithm: aws:kms with the KMSMasterKeyID of a customer-managed key", [id, what]),
		"resource": id,
		"path": path,
	}
}

rule_path(i) := ["Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", i, "ServerSideEncryptionByDefault"]

# What is wrong, and where.
finding(r) := [sprintf("is encrypted with %v (SSE-S3) instead of a customer-managed KMS key", [algo]), array.concat(rule_path(i), ["SSEAlgorithm"])] if {
	some i, rule in sse_rules(r)
	algo := rule.ServerSideEncryptionByDefault.SSEAlgorithm
	not kms_algorithm(algo)
} else := ["is encrypted with the AWS-managed aws/s3 key (SSE-KMS without a customer-managed KMSMasterKeyID)", rule_path(0)] if {
	count(sse_rules(r)) > 0
} else := ["has no default encryption configuration, so S3 falls back to SSE-S3", ["Properties"]]
