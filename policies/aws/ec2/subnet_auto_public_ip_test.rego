package regent.aws.ec2.subnet_auto_public_ip_test

import rego.v1

import data.regent.aws.ec2.subnet_auto_public_ip as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

subnet(props) := {"Type": "AWS::EC2::Subnet", "Properties": object.union({"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.0.0/24"}, props)}

test_auto_public_subnet_is_denied if {
	some r in control.deny with input as tpl({"Public": subnet({"MapPublicIpOnLaunch": true})})
	r.resource == "Public"
	r.path == ["Properties", "MapPublicIpOnLaunch"]
	contains(r.msg, "MapPublicIpOnLaunch: false")
}

test_subnet_without_setting_passes if {
	count(control.deny) == 0 with input as tpl({"Private": subnet({})})
}

test_explicit_false_passes if {
	count(control.deny) == 0 with input as tpl({"A": subnet({"MapPublicIpOnLaunch": false}), "B": subnet({"MapPublicIpOnLaunch": "false"})})
}

test_string_true_is_denied if {
	some r in control.deny with input as tpl({"Public": subnet({"MapPublicIpOnLaunch": "True"})})
	r.resource == "Public"
}

test_wrongly_typed_value_passes if {
	count(control.deny) == 0 with input as tpl({"A": subnet({"MapPublicIpOnLaunch": 1}), "B": {"Type": "AWS::EC2::Subnet"}})
}

if_tpl := {
	"Conditions": {"Exposed": {"Fn::Equals": [{"Ref": "Tier"}, "edge"]}},
	"Parameters": {"Tier": {"Type": "String", "AllowedValues": ["edge", "core"]}},
	"Resources": {"Sn": subnet({"MapPublicIpOnLaunch": {"Fn::If": ["Exposed", true, false]}})},
}

test_public_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Exposed == true
	some r in control.deny with input as v.template
	r.resource == "Sn"
}

test_private_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Exposed == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_true_is_denied if {
	t := {
		"Parameters": {"MapPublic": {"Type": "String", "Default": "true", "AllowedValues": ["true", "false"]}},
		"Resources": {"Sn": subnet({"MapPublicIpOnLaunch": {"Ref": "MapPublic"}})},
	}
	some v in cfn.variants(t)
	v.conditions.MapPublic == "true"
	some r in control.deny with input as v.template
	r.resource == "Sn"
}

test_cdk_public_subnets_are_denied if {
	t := tpl({
		"VpcpublicSubnet1Subnet2BB74ED7": {
			"Type": "AWS::EC2::Subnet",
			"Properties": {
				"AvailabilityZone": "eu-west-2a", "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true,
				"Tags": [{"Key": "aws-cdk:subnet-type", "Value": "Public"}],
				"VpcId": {"Ref": "Vpc8378EB38"},
			},
			"Metadata": {"aws:cdk:path": "database-insecure/Vpc/publicSubnet1/Subnet"},
		},
		"VpcprivateSubnet1Subnet536B997A": {
			"Type": "AWS::EC2::Subnet",
			"Properties": {"AvailabilityZone": "eu-west-2a", "CidrBlock": "10.0.2.0/24", "MapPublicIpOnLaunch": false, "VpcId": {"Ref": "Vpc8378EB38"}},
		},
	})
	results := control.deny with input as t
	count(results) == 1
	some r in results
	r.resource == "VpcpublicSubnet1Subnet2BB74ED7"
}
