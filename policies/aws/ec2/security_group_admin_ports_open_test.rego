package regent.aws.ec2.security_group_admin_ports_open_test

import rego.v1

import data.regent.aws.ec2.security_group_admin_ports_open as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

sg(rules) := {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "test", "SecurityGroupIngress": rules}}

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "CidrIp": cidr}

test_ssh_from_anywhere_is_denied if {
	some r in control.deny with input as tpl({"Sg": sg([tcp(22, 22, "0.0.0.0/0")])})
	r.resource == "Sg"
	r.path == ["Properties", "SecurityGroupIngress", 0]
	contains(r.msg, "port(s) 22")
	contains(r.msg, "0.0.0.0/0")
}

test_ssh_from_office_cidr_passes if {
	count(control.deny) == 0 with input as tpl({"Sg": sg([tcp(22, 22, "203.0.113.0/24"), tcp(443, 443, "0.0.0.0/0")])})
}

test_port_range_including_rdp_is_denied if {
	some r in control.deny with input as tpl({"Sg": sg([tcp(3000, 4000, "0.0.0.0/0")])})
	contains(r.msg, "3306, 3389")
}

test_all_traffic_ipv6_is_denied if {
	rule := {"IpProtocol": "-1", "CidrIpv6": "::/0"}
	some r in control.deny with input as tpl({"Sg": sg([rule])})
	contains(r.msg, "all traffic from ::/0")
	contains(r.msg, "more")
}

test_protocol_all_and_numeric_minus_one_are_denied if {
	count(control.deny) == 2 with input as tpl({
		"A": sg([{"IpProtocol": "all", "CidrIp": "0.0.0.0/0"}]),
		"B": sg([{"IpProtocol": -1, "CidrIp": "0.0.0.0/0"}]),
	})
}

test_ports_given_as_strings_are_denied if {
	some r in control.deny with input as tpl({"Sg": sg([tcp("3389", "3389", "0.0.0.0/0")])})
	contains(r.msg, "3389")
}

test_standalone_ingress_resource_is_denied if {
	ingress := {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
		"GroupId": {"Fn::GetAtt": ["BastionSg3D6BE75A", "GroupId"]},
		"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0",
	}}
	some r in control.deny with input as tpl({"BastionSg3D6BE75A": sg([]), "SshIngress": ingress})
	r.resource == "SshIngress"
	r.path == ["Properties"]
	contains(r.msg, "rule for BastionSg3D6BE75A")
}

test_icmp_and_web_ports_pass if {
	count(control.deny) == 0 with input as tpl({"Sg": sg([
		{"IpProtocol": "icmp", "FromPort": 8, "ToPort": -1, "CidrIp": "0.0.0.0/0"},
		tcp(80, 80, "0.0.0.0/0"),
	])})
}

test_missing_and_wrongly_typed_properties_do_not_crash if {
	count(control.deny) == 0 with input as tpl({
		"NoRules": {"Type": "AWS::EC2::SecurityGroup", "Properties": {}},
		"NoProps": {"Type": "AWS::EC2::SecurityGroup"},
		"BadPort": sg([tcp("ssh", "ssh", "0.0.0.0/0")]),
		"NotAList": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": "open"}},
	})
}

# A Ref to a parameter whose Default is 0.0.0.0/0: the scan evaluates the
# resolved variant.
test_parameter_default_cidr_is_denied if {
	t := {
		"Parameters": {"AdminCidr": {"Type": "String", "Default": "0.0.0.0/0"}},
		"Resources": {"Sg": sg([tcp(22, 22, {"Ref": "AdminCidr"})])},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Sg"
}

if_tpl := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Sg": sg([tcp(22, 22, {"Fn::If": ["IsProd", "10.0.0.0/8", "0.0.0.0/0"]})])},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in control.deny with input as v.template
	r.resource == "Sg"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(control.deny) == 0 with input as v.template
}

test_cdk_security_group_is_denied if {
	cdk := {
		"Type": "AWS::EC2::SecurityGroup",
		"Properties": {
			"GroupDescription": "database-insecure/ReportingDbSg",
			"SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "Description": "from 0.0.0.0/0:3306", "FromPort": 3306, "IpProtocol": "tcp", "ToPort": 3306}],
			"VpcId": {"Ref": "Vpc8378EB38"},
		},
		"Metadata": {"aws:cdk:path": "database-insecure/ReportingDbSg/Resource"},
	}
	some r in control.deny with input as tpl({"ReportingDbSgCF5B1339": cdk})
	r.resource == "ReportingDbSgCF5B1339"
	contains(r.msg, "3306")
}
