# A control with every metadata field (regent policies tests).
# METADATA
# title: Buckets are encrypted with a customer-managed key
# description: >-
#   Data in a bucket encrypted with an AWS-managed key can be read by
#   anyone who obtains access to the bucket.
# custom:
#   id: S3.101
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#     cis-aws: ["2.1.1"]
#   remediation: |-
#     Set a KMS key on the bucket.
#     ```ts
#     new s3.Bucket(this, 'Data', { encryption: s3.BucketEncryption.KMS });
#     ```
#   aliases:
#     cfn_nag: [W41]
#     checkov: [CKV_AWS_145]
#   approval:
#     status: approved
#     reviewer: security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_encryption

import rego.v1

deny contains {"msg": "bucket is not KMS-encrypted", "resource": id} if {
	some id, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.BucketEncryption
}
