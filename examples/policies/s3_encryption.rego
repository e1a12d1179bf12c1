# METADATA
# title: S3 buckets must be encrypted with a customer-managed KMS key
# description: >-
#   Objects in a bucket without SSE-KMS are encrypted with keys the account
#   does not control, so access to the data cannot be revoked by key policy.
# custom:
#   id: S3.001
#   severity: high
#   remediation: >-
#     Set BucketEncryption.ServerSideEncryptionConfiguration[].ServerSideEncryptionByDefault.SSEAlgorithm
#     to aws:kms and KMSMasterKeyID to a customer-managed key.
package regent.examples.s3

import rego.v1

buckets contains [name, res] if {
	some name, res in input.Resources
	res.Type == "AWS::S3::Bucket"
}

kms_encrypted(res) if {
	some rule in res.Properties.BucketEncryption.ServerSideEncryptionConfiguration
	rule.ServerSideEncryptionByDefault.SSEAlgorithm == "aws:kms"
	rule.ServerSideEncryptionByDefault.KMSMasterKeyID
}

deny contains result if {
	some [name, res] in buckets
	not kms_encrypted(res)
	result := {
		"msg": sprintf("%s: S3 bucket is not encrypted with a customer-managed KMS key", [name]),
		"resource": name,
		"path": ["Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"],
	}
}
