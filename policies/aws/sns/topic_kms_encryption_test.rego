package regent.aws.sns.topic_kms_encryption_test

import rego.v1

import data.regent.aws.sns.topic_kms_encryption
import data.regent.cfn

tpl(resources) := {"Resources": resources}

topic(props) := {"Type": "AWS::SNS::Topic", "Properties": props}

test_unencrypted_topic_is_denied if {
	some r in topic_kms_encryption.deny with input as tpl({"T": topic({"DisplayName": "events"})})
	r.resource == "T"
	r.path == ["Properties"]
	contains(r.msg, "is not encrypted at rest")
}

test_aws_managed_key_is_denied if {
	some r in topic_kms_encryption.deny with input as tpl({"T": topic({"KmsMasterKeyId": "alias/aws/sns"})})
	r.path == ["Properties", "KmsMasterKeyId"]
	contains(r.msg, "alias/aws/sns")
}

test_customer_managed_key_passes if {
	count(topic_kms_encryption.deny) == 0 with input as tpl({"K": {"Type": "AWS::KMS::Key", "Properties": {}}, "T": topic({"KmsMasterKeyId": {"Fn::GetAtt": ["K", "Arn"]}})})
}

test_topic_without_properties_is_denied if {
	some r in topic_kms_encryption.deny with input as tpl({"T": {"Type": "AWS::SNS::Topic"}})
	r.resource == "T"
}

test_key_alias_of_own_key_passes if {
	count(topic_kms_encryption.deny) == 0 with input as tpl({"T": topic({"KmsMasterKeyId": "alias/events-key"})})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"T": topic({"KmsMasterKeyId": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["K", "Arn"]}, {"Ref": "AWS::NoValue"}]}})},
}

test_unencrypted_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in topic_kms_encryption.deny with input as v.template
	r.resource == "T"
}

test_encrypted_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(topic_kms_encryption.deny) == 0 with input as v.template
}

test_parameter_default_aws_managed_key_is_denied if {
	t := {"Parameters": {"Key": {"Type": "String", "Default": "alias/aws/sns"}}, "Resources": {"T": topic({"KmsMasterKeyId": {"Ref": "Key"}})}}
	some v in cfn.variants(t)
	some r in topic_kms_encryption.deny with input as v.template
	r.resource == "T"
}

test_cdk_topic_passes if {
	count(topic_kms_encryption.deny) == 0 with input as tpl({"AlarmTopicD01E77F9": {
		"Type": "AWS::SNS::Topic",
		"Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["ApiKeyF9DDEE66", "Arn"]}},
		"Metadata": {"aws:cdk:path": "app/AlarmTopic/Resource"},
	}})
}
