package regent.aws.s3.bucket_versioning_test

import rego.v1

import data.regent.aws.s3.bucket_versioning
import data.regent.cfn

tpl(resources) := {"Resources": resources}

bucket(status) := {"Type": "AWS::S3::Bucket", "Properties": {"VersioningConfiguration": {"Status": status}}}

test_unversioned_bucket_is_denied if {
	some r in bucket_versioning.deny with input as tpl({"B": {"Type": "AWS::S3::Bucket", "Properties": {}}})
	r.resource == "B"
	r.path == ["Properties"]
	contains(r.msg, "not configured")
	contains(r.msg, "Status: Enabled")
}

test_suspended_versioning_is_denied if {
	some r in bucket_versioning.deny with input as tpl({"B": bucket("Suspended")})
	r.path == ["Properties", "VersioningConfiguration", "Status"]
	contains(r.msg, "Suspended")
}

test_enabled_versioning_passes if {
	count(bucket_versioning.deny) == 0 with input as tpl({"B": bucket("Enabled")})
}

test_wrongly_typed_status_is_denied if {
	some r in bucket_versioning.deny with input as tpl({"B": bucket(true)})
	r.resource == "B"
}

test_bucket_without_properties_is_denied if {
	some r in bucket_versioning.deny with input as tpl({"B": {"Type": "AWS::S3::Bucket"}})
	r.resource == "B"
}

test_cdk_versioned_bucket_passes if {
	count(bucket_versioning.deny) == 0 with input as tpl({"LedgerBucket136870B6": {
		"Type": "AWS::S3::Bucket",
		"Properties": {"VersioningConfiguration": {"Status": "Enabled"}, "BucketEncryption": {"Ref": "AWS::NoValue"}},
		"UpdateReplacePolicy": "Retain",
		"DeletionPolicy": "Retain",
		"Metadata": {"aws:cdk:path": "stack/LedgerBucket/Resource"},
	}})
}

test_insecure_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {"B": bucket({"Fn::If": ["IsProd", "Enabled", "Suspended"]})},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in bucket_versioning.deny with input as v.template
	contains(r.msg, "Suspended")
}

test_parameter_default_suspended_is_denied if {
	t := {
		"Parameters": {"Versioning": {"Type": "String", "Default": "Suspended"}},
		"Resources": {"B": bucket({"Ref": "Versioning"})},
	}
	some v in cfn.variants(t)
	some r in bucket_versioning.deny with input as v.template
	r.resource == "B"
}
