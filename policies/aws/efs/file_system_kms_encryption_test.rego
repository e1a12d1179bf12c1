package regent.aws.efs.file_system_kms_encryption_test

import rego.v1

import data.regent.aws.efs.file_system_kms_encryption as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fs(props) := {"Type": "AWS::EFS::FileSystem", "Properties": props}

cmk := {"Fn::GetAtt": ["FilesKey", "Arn"]}

test_unencrypted_file_system_is_denied if {
	some r in control.deny with input as tpl({"Fs": fs({"Encrypted": false})})
	r.resource == "Fs"
	r.path == ["Properties", "Encrypted"]
	r.severity == "high"
	contains(r.msg, "is not encrypted")
}

test_cmk_file_system_passes if {
	count(control.deny) == 0 with input as tpl({"Fs": fs({"Encrypted": true, "KmsKeyId": cmk}), "Fs2": fs({"Encrypted": "true", "KmsKeyId": {"Ref": "FilesKey"}})})
}

test_missing_encrypted_is_denied if {
	some r in control.deny with input as tpl({"Fs": fs({"PerformanceMode": "generalPurpose"})})
	r.path == ["Properties"]
	r.severity == "high"
}

test_aws_managed_key_is_medium if {
	results := control.deny with input as tpl({
		"NoKey": fs({"Encrypted": true}),
		"Alias": fs({"Encrypted": true, "KmsKeyId": "alias/aws/elasticfilesystem"}),
	})
	count(results) == 2
	every r in results {
		r.severity == "medium"
	}
	some a in results
	a.resource == "Alias"
	a.path == ["Properties", "KmsKeyId"]
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": fs({"Encrypted": "yes"}), "B": {"Type": "AWS::EFS::FileSystem"}, "C": fs({"Encrypted": true, "KmsKeyId": ""})})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Cmk": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Fs": fs({"Encrypted": true, "KmsKeyId": {"Fn::If": ["Cmk", cmk, {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_key_is_medium if {
	some v in cfn.variants(if_tpl)
	v.conditions.Cmk == false
	some r in control.deny with input as v.template
	r.severity == "medium"
}

test_branch_with_key_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Cmk == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Encrypt": {"Type": "String", "Default": "false", "AllowedValues": ["true", "false"]}}, "Resources": {"Fs": fs({"Encrypted": {"Ref": "Encrypt"}, "KmsKeyId": cmk})}}
	some v in cfn.variants(t)
	v.conditions.Encrypt == "false"
	some r in control.deny with input as v.template
	r.severity == "high"
}

test_cdk_default_file_system_is_medium if {
	t := tpl({"SharedFs6F8F9A2B": {
		"Type": "AWS::EFS::FileSystem",
		"Properties": {
			"Encrypted": true,
			"FileSystemPolicy": {"Statement": [{"Action": ["elasticfilesystem:ClientRootAccess", "elasticfilesystem:ClientWrite"], "Condition": {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}, "Effect": "Allow", "Principal": {"AWS": "*"}}], "Version": "2012-10-17"},
			"FileSystemTags": [{"Key": "Name", "Value": "app/SharedFs"}],
		},
		"UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
		"Metadata": {"aws:cdk:path": "app/SharedFs/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "SharedFs6F8F9A2B"
	r.severity == "medium"
	contains(r.msg, "aws/elasticfilesystem key (no KmsKeyId)")
}
