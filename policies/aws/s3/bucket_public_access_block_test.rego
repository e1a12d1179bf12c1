package regent.aws.s3.bucket_public_access_block_test

import rego.v1

import data.regent.aws.s3.bucket_public_access_block
import data.regent.cfn

tpl(resources) := {"Resources": resources}

bucket(pab) := {"Type": "AWS::S3::Bucket", "Properties": {"PublicAccessBlockConfiguration": pab}}

all_on := {"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true}

test_all_settings_off_is_denied if {
	some r in bucket_public_access_block.deny with input as tpl({"B": bucket({"BlockPublicAcls": false, "BlockPublicPolicy": false, "IgnorePublicAcls": false, "RestrictPublicBuckets": false})})
	r.resource == "B"
	r.path == ["Properties", "PublicAccessBlockConfiguration"]
	contains(r.msg, "BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls, RestrictPublicBuckets")
	contains(r.msg, "public")
}

test_one_setting_off_points_at_it if {
	some r in bucket_public_access_block.deny with input as tpl({"B": bucket(object.union(all_on, {"RestrictPublicBuckets": false}))})
	r.path == ["Properties", "PublicAccessBlockConfiguration", "RestrictPublicBuckets"]
}

test_omitted_setting_counts_as_off if {
	some r in bucket_public_access_block.deny with input as tpl({"B": bucket({"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true})})
	contains(r.msg, "RestrictPublicBuckets")
}

test_all_on_passes if {
	count(bucket_public_access_block.deny) == 0 with input as tpl({"B": bucket(all_on)})
}

test_string_true_counts_as_on if {
	count(bucket_public_access_block.deny) == 0 with input as tpl({"B": bucket({"BlockPublicAcls": "true", "BlockPublicPolicy": "True", "IgnorePublicAcls": "true", "RestrictPublicBuckets": "true"})})
}

test_string_false_is_denied if {
	some r in bucket_public_access_block.deny with input as tpl({"B": bucket(object.union(all_on, {"BlockPublicPolicy": "false"}))})
	contains(r.msg, "BlockPublicPolicy")
}

test_missing_configuration_keeps_s3_default if {
	count(bucket_public_access_block.deny) == 0 with input as tpl({"B": {"Type": "AWS::S3::Bucket", "Properties": {}}})
}

test_malformed_configuration_is_denied if {
	some r in bucket_public_access_block.deny with input as tpl({"B": bucket("BLOCK_ALL")})
	r.resource == "B"
}

test_cdk_bucket_with_block_all_passes if {
	count(bucket_public_access_block.deny) == 0 with input as tpl({"SiteBucket397A1860": {
		"Type": "AWS::S3::Bucket",
		"Properties": {"PublicAccessBlockConfiguration": all_on, "Tags": [{"Key": "aws-cdk:auto-delete-objects", "Value": "true"}]},
		"Metadata": {"aws:cdk:path": "stack/SiteBucket/Resource"},
	}})
}

test_insecure_if_branch_is_denied if {
	t := {
		"Conditions": {"Public": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}},
		"Resources": {"B": bucket({"Fn::If": ["Public", {"BlockPublicAcls": false}, all_on]})},
	}
	some v in cfn.variants(t)
	v.conditions.Public == true
	some r in bucket_public_access_block.deny with input as v.template
	r.resource == "B"
}

test_parameter_default_false_is_denied if {
	t := {
		"Parameters": {"Block": {"Type": "String", "Default": "false"}},
		"Resources": {"B": bucket(object.union(all_on, {"BlockPublicPolicy": {"Ref": "Block"}}))},
	}
	some v in cfn.variants(t)
	some r in bucket_public_access_block.deny with input as v.template
	r.path == ["Properties", "PublicAccessBlockConfiguration", "BlockPublicPolicy"]
}
