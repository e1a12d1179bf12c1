package regent.aws.sqs.queue_kms_encryption_test

import rego.v1

import data.regent.aws.sqs.queue_kms_encryption
import data.regent.cfn

tpl(resources) := {"Resources": resources}

queue(props) := {"Type": "AWS::SQS::Queue", "Properties": props}

test_sse_sqs_only_is_denied if {
	some r in queue_kms_encryption.deny with input as tpl({"Q": queue({"SqsManagedSseEnabled": true})})
	r.resource == "Q"
	r.path == ["Properties"]
	contains(r.msg, "SSE-SQS")
}

test_encryption_switched_off_is_denied if {
	some r in queue_kms_encryption.deny with input as tpl({"Q": queue({"SqsManagedSseEnabled": "false"})})
	r.path == ["Properties", "SqsManagedSseEnabled"]
	contains(r.msg, "not encrypted at rest")
}

test_aws_managed_key_is_denied if {
	some r in queue_kms_encryption.deny with input as tpl({"Q": queue({"KmsMasterKeyId": "alias/aws/sqs"})})
	r.path == ["Properties", "KmsMasterKeyId"]
}

test_customer_managed_key_passes if {
	count(queue_kms_encryption.deny) == 0 with input as tpl({"K": {"Type": "AWS::KMS::Key", "Properties": {}}, "Q": queue({"KmsMasterKeyId": {"Fn::GetAtt": ["K", "Arn"]}, "KmsDataKeyReusePeriodSeconds": 300})})
}

test_queue_without_properties_is_denied if {
	some r in queue_kms_encryption.deny with input as tpl({"Q": {"Type": "AWS::SQS::Queue"}})
	r.resource == "Q"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"Q": queue({"KmsMasterKeyId": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["K", "Arn"]}, {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_key_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in queue_kms_encryption.deny with input as v.template
	r.resource == "Q"
}

test_branch_with_key_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(queue_kms_encryption.deny) == 0 with input as v.template
}

test_parameter_default_aws_managed_key_is_denied if {
	t := {"Parameters": {"Key": {"Type": "String", "Default": "alias/aws/sqs"}}, "Resources": {"Q": queue({"KmsMasterKeyId": {"Ref": "Key"}})}}
	some v in cfn.variants(t)
	some r in queue_kms_encryption.deny with input as v.template
	r.resource == "Q"
}

test_cdk_queue_passes if {
	count(queue_kms_encryption.deny) == 0 with input as tpl({"ProcessingQueue6DC600C3": {
		"Type": "AWS::SQS::Queue",
		"Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["ApiKeyF9DDEE66", "Arn"]}, "RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["ProcessingDlq24E71A3D", "Arn"]}, "maxReceiveCount": 5}},
		"UpdateReplacePolicy": "Delete",
		"DeletionPolicy": "Delete",
		"Metadata": {"aws:cdk:path": "app/ProcessingQueue/Resource"},
	}})
}
