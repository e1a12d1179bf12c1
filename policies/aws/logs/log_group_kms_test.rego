package regent.aws.logs.log_group_kms_test

import rego.v1

import data.regent.aws.logs.log_group_kms as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

group(props) := {"Type": "AWS::Logs::LogGroup", "Properties": props}

test_group_without_key_is_denied if {
	some r in control.deny with input as tpl({"Logs": group({"RetentionInDays": 365})})
	r.resource == "Logs"
	r.path == ["Properties", "KmsKeyId"]
	contains(r.msg, "no KmsKeyId")
}

test_group_with_key_passes if {
	count(control.deny) == 0 with input as tpl({"Logs": group({"KmsKeyId": {"Fn::GetAtt": ["LogsKey", "Arn"]}})})
}

test_group_without_properties_is_denied if {
	some r in control.deny with input as tpl({"Logs": {"Type": "AWS::Logs::LogGroup"}})
	r.resource == "Logs"
}

test_null_key_is_denied if {
	some r in control.deny with input as tpl({"Logs": group({"KmsKeyId": null})})
	r.resource == "Logs"
}

test_other_types_are_ignored if {
	count(control.deny) == 0 with input as tpl({"Stream": {"Type": "AWS::Logs::LogStream", "Properties": {"LogGroupName": "x"}}})
}

if_tpl := {
	"Conditions": {"Encrypt": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Logs": group({"KmsKeyId": {"Fn::If": ["Encrypt", {"Fn::GetAtt": ["LogsKey", "Arn"]}, {"Ref": "AWS::NoValue"}]}})},
}

test_unencrypted_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Encrypt == false
	some r in control.deny with input as v.template
	r.resource == "Logs"
}

test_encrypted_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Encrypt == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_key_arn_passes if {
	t := {
		"Parameters": {"KeyArn": {"Type": "String", "Default": "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}},
		"Resources": {"Logs": group({"KmsKeyId": {"Ref": "KeyArn"}})},
	}
	some v in cfn.variants(t)
	count(control.deny) == 0 with input as v.template
}

test_cdk_log_group_is_denied if {
	t := tpl({"AppLogsC5DF83A6": {
		"Type": "AWS::Logs::LogGroup",
		"Properties": {"RetentionInDays": 7},
		"UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
		"Metadata": {"aws:cdk:path": "web-fargate-insecure/AppLogs/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "AppLogsC5DF83A6"
}
