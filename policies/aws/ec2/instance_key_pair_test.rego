package regent.aws.ec2.instance_key_pair_test

import rego.v1

import data.regent.aws.ec2.instance_key_pair as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::EC2::Instance", "Properties": object.union({"ImageId": "ami-1"}, props)}

test_instance_with_key_pair_warns if {
	some r in control.warn with input as tpl({"Host": instance({"KeyName": "ops-shared-key"})})
	r.resource == "Host"
	r.path == ["Properties", "KeyName"]
	contains(r.msg, "\"ops-shared-key\"")
}

test_keyless_instance_passes if {
	count(control.warn) == 0 with input as tpl({"Host": instance({})})
}

test_launch_template_with_key_pair_warns if {
	lt := {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"KeyName": "legacy"}}}
	some r in control.warn with input as tpl({"Lt": lt})
	r.path == ["Properties", "LaunchTemplateData", "KeyName"]
}

test_key_from_parameter_is_named_generically if {
	some r in control.warn with input as tpl({"Host": instance({"KeyName": {"Ref": "KeyPairName"}})})
	contains(r.msg, "(from a parameter)")
}

test_empty_or_odd_values_pass if {
	count(control.warn) == 0 with input as tpl({
		"A": instance({"KeyName": false}),
		"B": {"Type": "AWS::EC2::Instance"},
		"C": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": "x"}},
	})
}

# A key pair only in one branch (Fn::If with AWS::NoValue).
if_tpl := {
	"Conditions": {"Debug": {"Fn::Equals": [{"Ref": "Env"}, "debug"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["debug", "prod"]}},
	"Resources": {"Host": instance({"KeyName": {"Fn::If": ["Debug", "debug-key", {"Ref": "AWS::NoValue"}]}})},
}

test_branch_with_key_warns if {
	some v in cfn.variants(if_tpl)
	v.conditions.Debug == true
	some r in control.warn with input as v.template
	r.resource == "Host"
}

test_branch_without_key_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Debug == false
	count(control.warn) == 0 with input as v.template
}

test_parameter_default_key_warns if {
	t := {"Parameters": {"Key": {"Type": "AWS::EC2::KeyPair::KeyName", "Default": "ops"}}, "Resources": {"Host": instance({"KeyName": {"Ref": "Key"}})}}
	some v in cfn.variants(t)
	some r in control.warn with input as v.template
	r.resource == "Host"
}

test_cdk_bastion_warns if {
	t := tpl({"Bastion2B4CEC30": {
		"Type": "AWS::EC2::Instance",
		"Properties": {"InstanceType": "t2.medium", "KeyName": "ops-shared-key", "ImageId": {"Ref": "SsmParameterValueawsserviceamiamazonlinuxlatestal2023amikernel61x8664C96584B6F00A464EAD1953AFF4B05118Parameter"}},
		"Metadata": {"aws:cdk:path": "database-insecure/Bastion/Resource"},
	}})
	some r in control.warn with input as t
	r.resource == "Bastion2B4CEC30"
}
