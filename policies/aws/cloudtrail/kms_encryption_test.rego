package regent.aws.cloudtrail.kms_encryption_test

import rego.v1

import data.regent.aws.cloudtrail.kms_encryption
import data.regent.cfn

tpl(resources) := {"Resources": resources}

trail(props) := {"Type": "AWS::CloudTrail::Trail", "Properties": object.union({"IsLogging": true, "S3BucketName": "trail-logs"}, props)}

test_trail_without_key_is_denied if {
	some r in kms_encryption.deny with input as tpl({"T": trail({})})
	r.resource == "T"
	r.path == ["Properties"]
	contains(r.msg, "customer-managed KMS key")
}

test_trail_with_key_passes if {
	count(kms_encryption.deny) == 0 with input as tpl({"Key": {"Type": "AWS::KMS::Key", "Properties": {}}, "T": trail({"KMSKeyId": {"Fn::GetAtt": ["Key", "Arn"]}})})
}

test_literal_key_arn_passes if {
	count(kms_encryption.deny) == 0 with input as tpl({"T": trail({"KMSKeyId": "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})})
}

test_aws_managed_alias_is_denied_on_the_key if {
	some r in kms_encryption.deny with input as tpl({"T": trail({"KMSKeyId": "alias/aws/cloudtrail"})})
	r.path == ["Properties", "KMSKeyId"]
}

test_empty_key_is_denied if {
	some r in kms_encryption.deny with input as tpl({"T": trail({"KMSKeyId": ""})})
	r.resource == "T"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"T": trail({"KMSKeyId": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Key", "Arn"]}, {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_key_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in kms_encryption.deny with input as v.template
	r.resource == "T"
}

test_branch_with_key_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(kms_encryption.deny) == 0 with input as v.template
}

test_parameter_default_aws_managed_key_is_denied if {
	t := {"Parameters": {"KeyId": {"Type": "String", "Default": "alias/aws/cloudtrail"}}, "Resources": {"T": trail({"KMSKeyId": {"Ref": "KeyId"}})}}
	some v in cfn.variants(t)
	some r in kms_encryption.deny with input as v.template
	r.resource == "T"
}

test_cdk_trail_with_key_passes if {
	count(kms_encryption.deny) == 0 with input as tpl({
		"TrailKey38EB2549": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
		"Trail022F0CF2": {
			"Type": "AWS::CloudTrail::Trail",
			"Properties": {"IsLogging": true, "S3BucketName": {"Ref": "TrailBucketA831CE63"}, "KMSKeyId": {"Fn::GetAtt": ["TrailKey38EB2549", "Arn"]}},
			"Metadata": {"aws:cdk:path": "app/Trail/Resource"},
		},
	})
}
