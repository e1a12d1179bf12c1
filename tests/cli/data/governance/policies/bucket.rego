# METADATA
# title: S3 buckets are encrypted
# custom:
#   id: GOVT.001
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   approval:
#     status: approved
#     reviewer: security engineering
#     date: "2026-11-01"
package govtest.bucket

import rego.v1

deny contains {"msg": sprintf("%s is not encrypted", [id]), "resource": id, "path": ["Properties"]} if {
	some id, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.BucketEncryption
}
