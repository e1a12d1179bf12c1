# METADATA
# title: S3 buckets are encrypted with KMS
# custom:
#   id: TEST-S3-001
#   severity: high
#   aliases:
#     cfn_nag: [W41]
#     checkov: [CKV_AWS_19]
#     cdk_nag: [AwsSolutions-S1]
#     guard: [S3_BUCKET_SSE_KMS]
package test.s3_kms

import rego.v1

deny contains {"msg": sprintf("%s is not encrypted with KMS", [id]), "resource": id, "path": ["Properties"]} if {
	some id, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.BucketEncryption
}
