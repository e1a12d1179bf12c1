package regent.aws.ec2.instance_detailed_monitoring_test

import rego.v1

import data.regent.aws.ec2.instance_detailed_monitoring as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::EC2::Instance", "Properties": object.union({"ImageId": "ami-1"}, props)}

lt(data) := {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": data}}

uses(name) := {"LaunchTemplate": {"LaunchTemplateId": {"Ref": name}, "Version": {"Fn::GetAtt": [name, "LatestVersionNumber"]}}}

test_instance_without_monitoring_warns if {
	some r in control.warn with input as tpl({"Host": instance({})})
	r.resource == "Host"
	r.path == ["Properties"]
	contains(r.msg, "basic (5-minute) monitoring")
}

test_monitored_instance_passes if {
	count(control.warn) == 0 with input as tpl({"Host": instance({"Monitoring": true})})
}

test_explicit_false_points_at_property if {
	some r in control.warn with input as tpl({"Host": instance({"Monitoring": "false"})})
	r.path == ["Properties", "Monitoring"]
}

test_string_true_passes if {
	count(control.warn) == 0 with input as tpl({"Host": instance({"Monitoring": "true"})})
}

test_unmonitored_launch_template_warns if {
	some r in control.warn with input as tpl({"Lt": lt({"ImageId": "ami-1"})})
	r.resource == "Lt"
	r.path == ["Properties", "LaunchTemplateData"]
}

test_monitored_launch_template_passes if {
	count(control.warn) == 0 with input as tpl({"Lt": lt({"Monitoring": {"Enabled": true}})})
}

test_template_of_monitored_instances_passes if {
	count(control.warn) == 0 with input as tpl({
		"Lt": lt({"MetadataOptions": {"HttpTokens": "required"}}),
		"Host": instance(object.union(uses("Lt"), {"Monitoring": true})),
	})
}

test_template_also_used_by_auto_scaling_group_warns if {
	asg := {"Type": "AWS::AutoScaling::AutoScalingGroup", "Properties": object.union(uses("Lt"), {"MinSize": "1", "MaxSize": "2"})}
	some r in control.warn with input as tpl({
		"Lt": lt({}),
		"Host": instance(object.union(uses("Lt"), {"Monitoring": true})),
		"Asg": asg,
	})
	r.resource == "Lt"
}

test_odd_shapes_do_not_crash if {
	results := control.warn with input as tpl({"A": {"Type": "AWS::EC2::Instance"}, "B": lt("x"), "C": {"Type": "AWS::EC2::LaunchTemplate"}})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Host": instance({"Monitoring": {"Fn::If": ["Prod", true, false]}})},
}

test_unmonitored_branch_warns if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.warn with input as v.template
	r.resource == "Host"
}

test_monitored_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.warn) == 0 with input as v.template
}

test_parameter_default_false_warns if {
	t := {"Parameters": {"Detailed": {"Type": "String", "Default": "false"}}, "Resources": {"Host": instance({"Monitoring": {"Ref": "Detailed"}})}}
	some v in cfn.variants(t)
	some r in control.warn with input as v.template
	r.resource == "Host"
}

test_cdk_bastion_and_its_template_pass if {
	t := tpl({
		"Bastion2B4CEC30": {
			"Type": "AWS::EC2::Instance",
			"Properties": {
				"LaunchTemplate": {"LaunchTemplateName": "BastionLaunchTemplate", "Version": {"Fn::GetAtt": ["BastionLaunchTemplate47A71220", "LatestVersionNumber"]}},
				"Monitoring": true,
			},
			"Metadata": {"aws:cdk:path": "database-hardened/Bastion/Resource"},
		},
		"BastionLaunchTemplate47A71220": {
			"Type": "AWS::EC2::LaunchTemplate",
			"Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}, "LaunchTemplateName": "BastionLaunchTemplate"},
		},
	})
	count(control.warn) == 0 with input as t
}
