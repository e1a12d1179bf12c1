package regent.aws.ec2.security_group_world_ingress_test

import rego.v1

import data.regent.aws.ec2.security_group_world_ingress as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

sg(rules) := {"Type": "AWS::EC2::SecurityGroup", "Properties": {"GroupDescription": "test", "SecurityGroupIngress": rules}}

tcp(from, to, cidr) := {"IpProtocol": "tcp", "FromPort": from, "ToPort": to, "CidrIp": cidr}

alb(scheme, groups) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": object.union(
	{"SecurityGroups": groups, "Subnets": ["subnet-1", "subnet-2"]},
	scheme_prop(scheme),
)}

scheme_prop(null) := {}

scheme_prop(s) := {"Scheme": s} if s != null

test_https_on_internet_facing_alb_group_passes if {
	count(control.deny) == 0 with input as tpl({
		"AlbSg": sg([tcp(443, 443, "0.0.0.0/0"), tcp(80, 80, "0.0.0.0/0")]),
		"Alb": alb("internet-facing", [{"Fn::GetAtt": ["AlbSg", "GroupId"]}]),
	})
}

test_default_scheme_is_internet_facing if {
	count(control.deny) == 0 with input as tpl({
		"AlbSg": sg([tcp(443, 443, "0.0.0.0/0")]),
		"Alb": alb(null, [{"Ref": "AlbSg"}]),
	})
}

test_https_on_unattached_group_is_medium if {
	some r in control.deny with input as tpl({"WebSg": sg([tcp(443, 443, "0.0.0.0/0")])})
	r.resource == "WebSg"
	r.severity == "medium"
	contains(r.msg, "not attached to an internet-facing load balancer")
}

test_https_on_internal_alb_group_is_denied if {
	some r in control.deny with input as tpl({
		"AlbSg": sg([tcp(443, 443, "0.0.0.0/0")]),
		"Alb": alb("internal", [{"Fn::GetAtt": ["AlbSg", "GroupId"]}]),
	})
	r.resource == "AlbSg"
}

test_application_port_on_alb_group_is_denied if {
	some r in control.deny with input as tpl({
		"AlbSg": sg([tcp(443, 443, "0.0.0.0/0"), tcp(8080, 8080, "0.0.0.0/0")]),
		"Alb": alb("internet-facing", [{"Fn::GetAtt": ["AlbSg", "GroupId"]}]),
	})
	r.path == ["Properties", "SecurityGroupIngress", 1]
	contains(r.msg, "tcp port(s) 8080 from 0.0.0.0/0")
	not r.severity
}

test_ssh_is_denied_even_on_alb_group if {
	some r in control.deny with input as tpl({
		"AlbSg": sg([tcp(22, 22, "0.0.0.0/0")]),
		"Alb": alb("internet-facing", [{"Ref": "AlbSg"}]),
	})
	contains(r.msg, "port(s) 22")
}

test_port_range_80_to_443_is_denied if {
	some r in control.deny with input as tpl({
		"AlbSg": sg([tcp("80", "443", "0.0.0.0/0")]),
		"Alb": alb("internet-facing", [{"Ref": "AlbSg"}]),
	})
	contains(r.msg, "80-443")
}

test_all_traffic_ipv6_is_denied if {
	some r in control.deny with input as tpl({"Sg": sg([{"IpProtocol": "-1", "CidrIpv6": "::/0"}])})
	contains(r.msg, "all traffic from ::/0")
}

test_icmp_and_private_sources_pass if {
	count(control.deny) == 0 with input as tpl({"Sg": sg([
		{"IpProtocol": "icmp", "FromPort": -1, "ToPort": -1, "CidrIp": "0.0.0.0/0"},
		tcp(8080, 8080, "10.0.0.0/16"),
	])})
}

test_standalone_ingress_on_alb_group_passes if {
	count(control.deny) == 0 with input as tpl({
		"AlbSg": sg([]),
		"Https": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
			"GroupId": {"Fn::GetAtt": ["AlbSg", "GroupId"]},
			"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0",
		}},
		"Alb": alb("internet-facing", [{"Fn::GetAtt": ["AlbSg", "GroupId"]}]),
	})
}

test_standalone_ingress_on_external_group_is_reported if {
	some r in control.deny with input as tpl({"Https": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
		"GroupId": "sg-0123456789abcdef0",
		"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "0.0.0.0/0",
	}}})
	r.resource == "Https"
	r.path == ["Properties"]
	contains(r.msg, "security group rule allows")
}

test_classic_load_balancer_counts if {
	count(control.deny) == 0 with input as tpl({
		"ElbSg": sg([tcp(443, 443, "0.0.0.0/0")]),
		"Elb": {"Type": "AWS::ElasticLoadBalancing::LoadBalancer", "Properties": {"SecurityGroups": [{"Ref": "ElbSg"}]}},
	})
}

# Unparsable ports open an unknown range to the internet: reported.
test_missing_and_wrongly_typed_properties if {
	results := control.deny with input as tpl({
		"NoRules": {"Type": "AWS::EC2::SecurityGroup", "Properties": {}},
		"BadPort": sg([tcp("http", "http", "0.0.0.0/0")]),
		"Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Scheme": 7, "SecurityGroups": "sg-1"}},
	})
	count(results) == 1
	some r in results
	r.resource == "BadPort"
	contains(r.msg, "tcp port(s) ?")
}

test_parameter_default_cidr_is_denied if {
	t := {
		"Parameters": {"Ingress": {"Type": "String", "Default": "0.0.0.0/0"}},
		"Resources": {"Sg": sg([tcp(8080, 8080, {"Ref": "Ingress"})])},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Sg"
}

if_tpl := {
	"Conditions": {"Public": {"Fn::Equals": [{"Ref": "Exposure"}, "public"]}},
	"Parameters": {"Exposure": {"Type": "String", "AllowedValues": ["public", "private"]}},
	"Resources": {
		"AlbSg": sg([tcp(443, 443, "0.0.0.0/0")]),
		"Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {
			"Scheme": {"Fn::If": ["Public", "internet-facing", "internal"]},
			"SecurityGroups": [{"Fn::GetAtt": ["AlbSg", "GroupId"]}],
		}},
	},
}

test_internal_branch_is_reported if {
	some v in cfn.variants(if_tpl)
	v.conditions.Public == false
	some r in control.deny with input as v.template
	r.resource == "AlbSg"
}

test_internet_facing_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Public == true
	count(control.deny) == 0 with input as v.template
}

test_cdk_fargate_service_group_is_denied if {
	t := tpl({
		"ServiceSg2632F788": {
			"Type": "AWS::EC2::SecurityGroup",
			"Properties": {
				"GroupDescription": "web-fargate-insecure/ServiceSg",
				"SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "Description": "from 0.0.0.0/0:8080", "FromPort": 8080, "IpProtocol": "tcp", "ToPort": 8080}],
				"VpcId": {"Ref": "Vpc8378EB38"},
			},
			"Metadata": {"aws:cdk:path": "web-fargate-insecure/ServiceSg/Resource"},
		},
		"AlbSecurityGroup580F65A6": sg([{"CidrIp": "0.0.0.0/0", "FromPort": 80, "IpProtocol": "tcp", "ToPort": 80}]),
		"Alb16C2F182": alb("internet-facing", [{"Fn::GetAtt": ["AlbSecurityGroup580F65A6", "GroupId"]}]),
	})
	results := control.deny with input as t
	count(results) == 1
	some r in results
	r.resource == "ServiceSg2632F788"
}
