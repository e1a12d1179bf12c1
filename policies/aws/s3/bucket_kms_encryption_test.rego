package regent.aws.s3.bucket_kms_encryption_test

import rego.v1

import data.regent.aws.s3.bucket_kms_encryption
import data.regent.cfn

tpl(resources) := {"Resources": resources}

bucket(encryption) := {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": encryption}}

sse(by_default) := {"ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": by_default}]}

cmk := {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["Key", "Arn"]}}

test_sse_s3_bucket_is_denied if {
	some r in bucket_kms_encryption.deny with input as tpl({"B": bucket(sse({"SSEAlgorithm": "AES256"}))})
	r.resource == "B"
	r.path == ["Properties", "BucketEncryption", "ServerSideEncryptionConfiguration", 0, "ServerSideEncryptionByDefault", "SSEAlgorithm"]
	contains(r.msg, "AES256")
	contains(r.msg, "data at rest")
	contains(r.msg, "KMSMasterKeyID")
}

test_bucket_without_encryption_is_denied if {
	some r in bucket_kms_encryption.deny with input as tpl({"B": {"Type": "AWS::S3::Bucket"}})
	r.resource == "B"
	r.path == ["Properties"]
	contains(r.msg, "no default encryption")
}

test_aws_managed_key_is_denied if {
	some r in bucket_kms_encryption.deny with input as tpl({"B": bucket(sse({"SSEAlgorithm": "aws:kms"}))})
	r.resource == "B"
	contains(r.msg, "aws/s3")
}

test_explicit_aws_managed_alias_is_denied if {
	some r in bucket_kms_encryption.deny with input as tpl({"B": bucket(sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/aws/s3"}))})
	r.resource == "B"
}

test_malformed_encryption_is_denied if {
	some r in bucket_kms_encryption.deny with input as tpl({"B": bucket("true")})
	r.resource == "B"
	contains(r.msg, "no default encryption")
}

test_cdk_cmk_bucket_passes if {
	count(bucket_kms_encryption.deny) == 0 with input as tpl({
		"DataKey17AFBB84": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
		"DataBucketE3889A50": {
			"Type": "AWS::S3::Bucket",
			"Properties": {"BucketEncryption": sse({"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": {"Fn::GetAtt": ["DataKey17AFBB84", "Arn"]}})},
			"Metadata": {"aws:cdk:path": "stack/DataBucket/Resource"},
		},
	})
}

test_dsse_with_cmk_passes if {
	count(bucket_kms_encryption.deny) == 0 with input as tpl({"B": bucket(sse({"SSEAlgorithm": "aws:kms:dsse", "KMSMasterKeyID": "arn:aws:kms:eu-west-1:111122223333:key/abc"}))})
}

test_log_destination_bucket_is_exempt if {
	count(bucket_kms_encryption.deny) == 0 with input as tpl({
		"Data": {"Type": "AWS::S3::Bucket", "Properties": {
			"BucketEncryption": sse(cmk),
			"LoggingConfiguration": {"DestinationBucketName": {"Ref": "Logs"}},
		}},
		"Logs": bucket(sse({"SSEAlgorithm": "AES256"})),
	})
}

if_template := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"B": bucket(sse({"Fn::If": ["IsProd", cmk, {"SSEAlgorithm": "AES256"}]}))},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(if_template)
	v.conditions.IsProd == false
	some r in bucket_kms_encryption.deny with input as v.template
	r.resource == "B"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(if_template)
	v.conditions.IsProd == true
	count(bucket_kms_encryption.deny) == 0 with input as v.template
}

test_parameter_default_sse_s3_is_denied if {
	t := {
		"Parameters": {"Algorithm": {"Type": "String", "Default": "AES256"}},
		"Resources": {"B": bucket(sse({"SSEAlgorithm": {"Ref": "Algorithm"}}))},
	}
	some v in cfn.variants(t)
	some r in bucket_kms_encryption.deny with input as v.template
	r.resource == "B"
	contains(r.msg, "AES256")
}
