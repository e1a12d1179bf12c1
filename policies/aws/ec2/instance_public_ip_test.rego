package regent.aws.ec2.instance_public_ip_test

import rego.v1

import data.regent.aws.ec2.instance_public_ip as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(nic) := {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1", "NetworkInterfaces": [nic]}}

nic(public) := {"DeviceIndex": "0", "SubnetId": "subnet-1", "AssociatePublicIpAddress": public}

test_public_interface_is_denied if {
	some r in control.deny with input as tpl({"Host": instance(nic(true))})
	r.resource == "Host"
	r.path == ["Properties", "NetworkInterfaces", 0, "AssociatePublicIpAddress"]
	contains(r.msg, "public IP address")
}

test_private_interface_passes if {
	count(control.deny) == 0 with input as tpl({"Host": instance(nic(false))})
}

test_string_true_is_denied if {
	some r in control.deny with input as tpl({"Host": instance(nic("true"))})
	r.resource == "Host"
}

test_launch_template_interface_is_denied if {
	lt := {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"NetworkInterfaces": [nic("True")]}}}
	some r in control.deny with input as tpl({"Lt": lt})
	r.path == ["Properties", "LaunchTemplateData", "NetworkInterfaces", 0, "AssociatePublicIpAddress"]
}

test_instance_in_auto_public_subnet_is_denied if {
	some r in control.deny with input as tpl({
		"PublicSubnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true}},
		"Host": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1", "SubnetId": {"Ref": "PublicSubnet"}}},
	})
	r.path == ["Properties", "SubnetId"]
	contains(r.msg, "subnet PublicSubnet")
}

test_instance_in_private_subnet_passes if {
	count(control.deny) == 0 with input as tpl({
		"PrivateSubnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "MapPublicIpOnLaunch": false}},
		"Host": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1", "SubnetId": {"Ref": "PrivateSubnet"}}},
	})
}

test_odd_shapes_do_not_crash if {
	count(control.deny) == 0 with input as tpl({
		"A": {"Type": "AWS::EC2::Instance", "Properties": {"NetworkInterfaces": "eni"}},
		"B": {"Type": "AWS::EC2::Instance"},
		"C": instance(nic("yes")),
	})
}

if_tpl := {
	"Conditions": {"Public": {"Fn::Equals": [{"Ref": "Placement"}, "public"]}},
	"Parameters": {"Placement": {"Type": "String", "AllowedValues": ["public", "private"]}},
	"Resources": {"Host": instance(nic({"Fn::If": ["Public", true, false]}))},
}

test_public_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Public == true
	some r in control.deny with input as v.template
	r.resource == "Host"
}

test_private_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Public == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_is_denied if {
	t := {
		"Parameters": {"PublicIp": {"Type": "String", "Default": "true"}},
		"Resources": {"Host": instance(nic({"Ref": "PublicIp"}))},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Host"
}

test_cdk_bastion_is_denied if {
	t := tpl({"Bastion2B4CEC30": {
		"Type": "AWS::EC2::Instance",
		"Properties": {"NetworkInterfaces": [{
			"AssociatePublicIpAddress": true,
			"DeviceIndex": "0",
			"GroupSet": [{"Fn::GetAtt": ["BastionSg3D6BE75A", "GroupId"]}],
			"SubnetId": {"Ref": "VpcpublicSubnet1Subnet2BB74ED7"},
		}]},
		"Metadata": {"aws:cdk:path": "database-insecure/Bastion/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "Bastion2B4CEC30"
}
