package regent.aws.ec2.ebs_encryption_test

import rego.v1

import data.regent.aws.ec2.ebs_encryption as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

volume(props) := {"Type": "AWS::EC2::Volume", "Properties": object.union({"AvailabilityZone": "eu-west-2a", "Size": 20}, props)}

instance(ebs) := {"Type": "AWS::EC2::Instance", "Properties": {
	"ImageId": "ami-12345678",
	"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": ebs}],
}}

cmk := {"Fn::GetAtt": ["DataKey", "Arn"]}

test_unencrypted_volume_is_denied if {
	some r in control.deny with input as tpl({"Vol": volume({"Encrypted": false})})
	r.resource == "Vol"
	r.path == ["Properties", "Encrypted"]
	r.severity == "high"
	contains(r.msg, "is not encrypted")
}

test_cmk_encrypted_volume_and_instance_pass if {
	count(control.deny) == 0 with input as tpl({
		"Vol": volume({"Encrypted": true, "KmsKeyId": cmk}),
		"Host": instance({"Encrypted": "true", "KmsKeyId": {"Ref": "DataKey"}, "VolumeSize": 30}),
	})
}

test_volume_without_encrypted_depends_on_account_default if {
	some r in control.deny with input as tpl({"Vol": volume({})})
	contains(r.msg, "not explicitly encrypted")
}

test_encrypted_without_key_is_medium if {
	some r in control.deny with input as tpl({"Host": instance({"Encrypted": true})})
	r.severity == "medium"
	r.path == ["Properties", "BlockDeviceMappings", 0, "Ebs", "KmsKeyId"]
	contains(r.msg, "aws/ebs key (no KmsKeyId)")
}

test_aws_managed_alias_is_medium if {
	some r in control.deny with input as tpl({"Vol": volume({"Encrypted": true, "KmsKeyId": "alias/aws/ebs"})})
	r.severity == "medium"
	contains(r.msg, "alias/aws/ebs")
}

test_string_false_is_denied if {
	some r in control.deny with input as tpl({"Host": instance({"Encrypted": "false", "KmsKeyId": cmk})})
	r.severity == "high"
	contains(r.msg, "/dev/xvda of AWS::EC2::Instance is not encrypted")
}

test_launch_template_mapping_is_checked if {
	lt := {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {
		"BlockDeviceMappings": [{"DeviceName": "/dev/sda1", "Ebs": {"VolumeSize": 8}}],
	}}}
	some r in control.deny with input as tpl({"Lt": lt})
	r.path == ["Properties", "LaunchTemplateData", "BlockDeviceMappings", 0, "Ebs", "Encrypted"]
}

test_launch_configuration_needs_no_key if {
	lc := {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {
		"ImageId": "ami-1", "InstanceType": "t3.micro",
		"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": true}}],
	}}
	count(control.deny) == 0 with input as tpl({"Lc": lc})
}

test_instance_store_and_odd_shapes_are_ignored if {
	count(control.deny) == 0 with input as tpl({
		"Eph": {"Type": "AWS::EC2::Instance", "Properties": {"BlockDeviceMappings": [{"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}]}},
		"NoMappings": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1"}},
		"NotAList": {"Type": "AWS::EC2::Instance", "Properties": {"BlockDeviceMappings": "none"}},
		"EbsNotObject": instance("encrypted"),
	})
}

test_parameter_default_key_is_medium if {
	t := {
		"Parameters": {"Key": {"Type": "String", "Default": "arn:aws:kms:eu-west-2:111122223333:alias/aws/ebs"}},
		"Resources": {"Vol": volume({"Encrypted": true, "KmsKeyId": {"Ref": "Key"}})},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.severity == "medium"
}

if_tpl := {
	"Conditions": {"Encrypt": {"Fn::Equals": [{"Ref": "Mode"}, "secure"]}},
	"Parameters": {"Mode": {"Type": "String", "AllowedValues": ["secure", "fast"]}},
	"Resources": {"Vol": volume({"Encrypted": {"Fn::If": ["Encrypt", true, false]}, "KmsKeyId": cmk})},
}

test_unencrypted_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Encrypt == false
	some r in control.deny with input as v.template
	r.resource == "Vol"
}

test_encrypted_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Encrypt == true
	count(control.deny) == 0 with input as v.template
}

test_cdk_bastion_is_denied if {
	bastion := {
		"Type": "AWS::EC2::Instance",
		"Properties": {
			"BlockDeviceMappings": [{"DeviceName": "/dev/xvda", "Ebs": {"Encrypted": false, "VolumeSize": 30, "VolumeType": "gp3"}}],
			"IamInstanceProfile": {"Ref": "BastionInstanceProfile3CC8C7A8"},
			"InstanceType": "t2.medium",
		},
		"Metadata": {"aws:cdk:path": "database-insecure/Bastion/Resource"},
	}
	some r in control.deny with input as tpl({"Bastion2B4CEC30": bastion})
	r.resource == "Bastion2B4CEC30"
}
