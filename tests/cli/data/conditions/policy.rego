# METADATA
# title: Buckets use KMS encryption in every deployment
# custom:
#   id: TEST-COND-001
#   severity: high
package test.conditions

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	path := ["BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"]
	some pv in cfn.property_values(r, path)
	not pv.value == "aws:kms"
	result := {
		"msg": sprintf("%s: encryption is %v, not aws:kms", [id, object.get(pv, "value", "absent")]),
		"resource": id,
		"path": array.concat(["Properties"], path),
		"conditions": pv.conditions,
	}
}
