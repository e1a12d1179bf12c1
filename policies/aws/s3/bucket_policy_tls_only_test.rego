package regent.aws.s3.bucket_policy_tls_only_test

import rego.v1

import data.regent.aws.s3.bucket_policy_tls_only
import data.regent.cfn

tpl(resources) := {"Resources": resources}

tls_deny(value) := {
	"Effect": "Deny",
	"Principal": {"AWS": "*"},
	"Action": "s3:*",
	"Resource": [{"Fn::GetAtt": ["B", "Arn"]}, {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/*"]]}],
	"Condition": {"Bool": {"aws:SecureTransport": value}},
}

read := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/reader"}, "Action": "s3:GetObject", "Resource": "*"}

with_policy(statements) := tpl({
	"B": {"Type": "AWS::S3::Bucket"},
	"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "B"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}},
})

test_bucket_without_policy_is_denied if {
	some r in bucket_policy_tls_only.deny with input as tpl({"B": {"Type": "AWS::S3::Bucket"}})
	r.resource == "B"
	r.path == ["Properties"]
	contains(r.msg, "no bucket policy")
	contains(r.msg, "aws:SecureTransport")
}

test_policy_without_tls_deny_is_denied_on_the_policy if {
	results := bucket_policy_tls_only.deny with input as with_policy([read])
	count(results) == 1
	some r in results
	r.resource == "BPolicy"
	r.path == ["Properties", "PolicyDocument"]
	contains(r.msg, "clear text")
}

test_tls_deny_passes if {
	count(bucket_policy_tls_only.deny) == 0 with input as with_policy([tls_deny("false"), read])
}

test_boolean_false_condition_passes if {
	count(bucket_policy_tls_only.deny) == 0 with input as with_policy([tls_deny(false)])
}

test_allow_with_secure_transport_true_is_not_a_deny if {
	s := object.union(tls_deny("true"), {"Effect": "Allow"})
	some r in bucket_policy_tls_only.deny with input as with_policy([s])
	r.resource == "BPolicy"
}

test_deny_on_true_is_not_tls_only if {
	some r in bucket_policy_tls_only.deny with input as with_policy([tls_deny("true")])
	r.resource == "BPolicy"
}

test_policy_naming_bucket_literally_counts if {
	t := tpl({
		"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "ledger-data"}},
		"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "ledger-data", "PolicyDocument": {"Statement": [tls_deny("false")]}}},
	})
	count(bucket_policy_tls_only.deny) == 0 with input as t
}

test_cdk_enforce_ssl_passes if {
	count(bucket_policy_tls_only.deny) == 0 with input as tpl({
		"B": {"Type": "AWS::S3::Bucket", "Metadata": {"aws:cdk:path": "stack/Data/Resource"}},
		"DataPolicyE2C1F5A6": {
			"Type": "AWS::S3::BucketPolicy",
			"Properties": {"Bucket": {"Ref": "B"}, "PolicyDocument": {"Statement": [object.union(tls_deny("false"), {"Condition": {"Bool": {"aws:SecureTransport": "false"}, "NumericLessThan": {"s3:TlsVersion": "1.2"}}})]}},
			"Metadata": {"aws:cdk:path": "stack/Data/Policy/Resource"},
		},
	})
}

test_tls_deny_only_in_one_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {
			"B": {"Type": "AWS::S3::Bucket"},
			"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "B"}, "PolicyDocument": {"Statement": [read, {"Fn::If": ["IsProd", tls_deny("false"), {"Ref": "AWS::NoValue"}]}]}}},
		},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in bucket_policy_tls_only.deny with input as v.template
	r.resource == "BPolicy"
}

test_secure_transport_from_parameter_default if {
	t := {
		"Parameters": {"Secure": {"Type": "String", "Default": "true"}},
		"Resources": {
			"B": {"Type": "AWS::S3::Bucket"},
			"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "B"}, "PolicyDocument": {"Statement": [tls_deny({"Ref": "Secure"})]}}},
		},
	}
	some v in cfn.variants(t)
	some r in bucket_policy_tls_only.deny with input as v.template
	r.resource == "BPolicy"
}
