package regent.aws.ec2.instance_imdsv2_test

import rego.v1

import data.regent.aws.ec2.instance_imdsv2 as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

lt(options) := {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": options}}}

instance_with_lt(name) := {"Type": "AWS::EC2::Instance", "Properties": {
	"ImageId": "ami-1",
	"LaunchTemplate": {"LaunchTemplateId": {"Ref": name}, "Version": {"Fn::GetAtt": [name, "LatestVersionNumber"]}},
}}

test_instance_without_launch_template_is_denied if {
	some r in control.deny with input as tpl({"Host": {"Type": "AWS::EC2::Instance", "Properties": {"ImageId": "ami-1"}}})
	r.resource == "Host"
	r.path == ["Properties"]
	contains(r.msg, "allows IMDSv1")
}

test_instance_with_imdsv2_template_passes if {
	count(control.deny) == 0 with input as tpl({
		"Host": instance_with_lt("Lt"),
		"Lt": lt({"HttpTokens": "required", "HttpPutResponseHopLimit": 1}),
	})
}

test_optional_tokens_on_template_are_denied if {
	some r in control.deny with input as tpl({"Host": instance_with_lt("Lt"), "Lt": lt({"HttpTokens": "optional"})})
	r.resource == "Lt"
	r.path == ["Properties", "LaunchTemplateData", "MetadataOptions"]
	contains(r.msg, "HttpTokens is optional")
}

test_template_without_options_is_denied if {
	some r in control.deny with input as tpl({"Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"ImageId": "ami-1"}}}})
	r.path == ["Properties", "LaunchTemplateData"]
	contains(r.msg, "HttpTokens is not set")
}

test_disabled_endpoint_passes if {
	count(control.deny) == 0 with input as tpl({"Lt": lt({"HttpEndpoint": "disabled"})})
}

test_launch_configuration_is_checked if {
	lc := {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"ImageId": "ami-1", "InstanceType": "t3.micro"}}
	ok := {"Type": "AWS::AutoScaling::LaunchConfiguration", "Properties": {"ImageId": "ami-1", "InstanceType": "t3.micro", "MetadataOptions": {"HttpTokens": "required"}}}
	results := control.deny with input as tpl({"Lc": lc, "Ok": ok})
	count(results) == 1
	some r in results
	r.resource == "Lc"
}

test_wrongly_typed_options_are_denied if {
	results := control.deny with input as tpl({
		"A": lt("required"),
		"B": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": "x"}},
		"C": {"Type": "AWS::EC2::LaunchTemplate"},
	})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Legacy": {"Fn::Equals": [{"Ref": "Mode"}, "legacy"]}},
	"Parameters": {"Mode": {"Type": "String", "AllowedValues": ["legacy", "modern"]}},
	"Resources": {"Lt": lt({"HttpTokens": {"Fn::If": ["Legacy", "optional", "required"]}})},
}

test_optional_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Legacy == true
	some r in control.deny with input as v.template
	r.resource == "Lt"
}

test_required_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Legacy == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_optional_is_denied if {
	t := {
		"Parameters": {"Tokens": {"Type": "String", "Default": "optional"}},
		"Resources": {"Lt": lt({"HttpTokens": {"Ref": "Tokens"}})},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Lt"
}

test_cdk_bastion_with_template_passes if {
	t := tpl({
		"Bastion2B4CEC30": {
			"Type": "AWS::EC2::Instance",
			"Properties": {
				"LaunchTemplate": {
					"LaunchTemplateName": "BastionLaunchTemplate",
					"Version": {"Fn::GetAtt": ["BastionLaunchTemplate47A71220", "LatestVersionNumber"]},
				},
				"Monitoring": true,
			},
			"Metadata": {"aws:cdk:path": "database-hardened/Bastion/Resource"},
		},
		"BastionLaunchTemplate47A71220": {
			"Type": "AWS::EC2::LaunchTemplate",
			"Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}, "LaunchTemplateName": "BastionLaunchTemplate"},
			"Metadata": {"aws:cdk:path": "database-hardened/Bastion/LaunchTemplate"},
		},
	})
	count(control.deny) == 0 with input as t
}
