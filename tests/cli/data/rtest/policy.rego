package demo

import rego.v1

deny contains msg if {
	some id, r in input.Resources
	r.Type == "AWS::S3::Bucket"
	not r.Properties.BucketEncryption
	msg := id
}

unused if {
	input.x == 1
}
