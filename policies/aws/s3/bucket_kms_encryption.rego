# METADATA
# title: S3 buckets are encrypted with a customer-managed KMS key
# description: >-
#   With SSE-S3 (AES256) or the AWS-managed aws/s3 key, anyone granted
#   s3:GetObject can read the data: access cannot be narrowed, audited or
#   revoked through a key policy, and CloudTrail records no per-object key
#   use. A customer-managed key adds a second, independently controlled
#   authorization layer. Log destination buckets (S3 server access logs,
#   CloudFront standard logs, load balancer access logs) are exempt: those
#   services can only write with SSE-S3.
# custom:
#   id: S3.001
#   severity: high
#   remediation: >-
#     Set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault
#     to `SSEAlgorithm: aws:kms` with `KMSMasterKeyID` of a customer-managed key,
#     and `BucketKeyEnabled: true` (CDK: `encryption: s3.BucketEncryption.KMS,
#     encryptionKey: key, bucketKeyEnabled: true`).
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#   aliases:
#     cfn_nag: [W41]
#     checkov: [CKV_AWS_145]
package regent.aws.s3.bucket_kms_encryption

import rego.v1

import data.regent.aws.s3.bucket_access_logging
import data.regent.aws_iam
import data.regent.cfn

sse_rules(r) := cfn.property(r, ["BucketEncryption", "ServerSideEncryptionConfiguration"], [])

cmk_encrypted(r) if {
	some rule in sse_rules(r)
	rule.ServerSideEncryptionByDefault.SSEAlgorithm in {"aws:kms", "aws:kms:dsse"}
	aws_iam.customer_managed_key(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)
}

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	not cmk_encrypted(r)
	not bucket_access_logging.log_destination(id)
	[what, path] := finding(r)
	result := {
		"msg": sprintf("%s: S3 bucket %s; expected SSE-KMS with a customer-managed KMSMasterKeyID", [id, what]),
		"resource": id,
		"path": path,
	}
}

finding(r) := [sprintf("uses %v instead of a customer-managed KMS key", [algo]), ["Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", i, "ServerSideEncryptionByDefault", "SSEAlgorithm"]] if {
	some i, rule in sse_rules(r)
	algo := rule.ServerSideEncryptionByDefault.SSEAlgorithm
	not algo in {"aws:kms", "aws:kms:dsse"}
} else := ["is encrypted with the AWS-managed aws/s3 key", ["Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault"]] if {
	count(sse_rules(r)) > 0
} else := ["has no default encryption configuration (S3 falls back to SSE-S3)", ["Properties"]]
