package regent.aws.elbv2.listener_http_without_redirect_test

import rego.v1

import data.regent.aws.elbv2.listener_http_without_redirect as http
import data.regent.cfn

tpl(resources) := {"Resources": resources}

forward := [{"Type": "forward", "TargetGroupArn": {"Ref": "Tg"}}]

redirect := [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}]

listener(protocol, actions) := {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
	"LoadBalancerArn": {"Ref": "Alb"},
	"Port": 80,
	"Protocol": protocol,
	"DefaultActions": actions,
}}

alb := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"SecurityGroups": [{"Fn::GetAtt": ["AlbSg", "GroupId"]}]}}

open_sg := {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "CidrIp": "0.0.0.0/0"}]}}

test_forwarding_http_listener_is_denied if {
	some r in http.deny with input as tpl({"L": listener("HTTP", forward)})
	r.resource == "L"
	r.path == ["Properties", "DefaultActions"]
	contains(r.msg, "on port 80")
	contains(r.msg, "default action: forward")
}

test_redirect_and_https_listeners_pass if {
	count(http.deny) == 0 with input as tpl({
		"A": listener("HTTP", redirect),
		"B": listener("HTTPS", forward),
		"Alb": alb,
		"AlbSg": open_sg,
	})
}

test_open_security_group_is_reported_too if {
	findings := http.deny with input as tpl({"L": listener("HTTP", forward), "Alb": alb, "AlbSg": open_sg})
	some r in findings
	r.resource == "AlbSg"
	r.path == ["Properties", "SecurityGroupIngress", 0]
	count(findings) == 2
}

test_separate_ingress_resource_is_reported if {
	t := tpl({
		"L": listener("HTTP", forward),
		"Alb": alb,
		"AlbSg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {}},
		"In": {"Type": "AWS::EC2::SecurityGroupIngress", "Properties": {
			"GroupId": {"Fn::GetAtt": ["AlbSg", "GroupId"]},
			"IpProtocol": "tcp",
			"FromPort": "80",
			"ToPort": "80",
			"CidrIpv6": "::/0",
		}},
	})
	some r in http.deny with input as t
	r.resource == "In"
}

test_redirect_to_http_is_still_denied if {
	some r in http.deny with input as tpl({"L": listener("HTTP", [{"Type": "redirect", "RedirectConfig": {"Protocol": "HTTP", "Port": "8080"}}])})
	r.resource == "L"
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"L": listener("HTTP", {"Fn::If": ["IsProd", redirect, forward]})},
}

test_forward_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in http.deny with input as v.template
	r.resource == "L"
}

test_redirect_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(http.deny) == 0 with input as v.template
}

test_parameter_default_http_is_denied if {
	t := {
		"Parameters": {"Proto": {"Type": "String", "Default": "HTTP"}},
		"Resources": {"L": listener({"Ref": "Proto"}, forward)},
	}
	some v in cfn.variants(t)
	some r in http.deny with input as v.template
	r.resource == "L"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"Alb16C2F182": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"SecurityGroups": [{"Fn::GetAtt": ["AlbSecurityGroup580F65A6", "GroupId"]}]}},
		"AlbSecurityGroup580F65A6": {
			"Type": "AWS::EC2::SecurityGroup",
			"Properties": {"SecurityGroupIngress": [{"CidrIp": "0.0.0.0/0", "FromPort": 80, "IpProtocol": "tcp", "ToPort": 80}]},
			"Metadata": {"aws:cdk:path": "web/Alb/SecurityGroup/Resource"},
		},
		"AlbHttp7966E42E": {
			"Type": "AWS::ElasticLoadBalancingV2::Listener",
			"Properties": {
				"DefaultActions": [{"TargetGroupArn": {"Ref": "AlbHttpApiGroup7C8FA22E"}, "Type": "forward"}],
				"LoadBalancerArn": {"Ref": "Alb16C2F182"},
				"Port": 80,
				"Protocol": "HTTP",
			},
			"Metadata": {"aws:cdk:path": "web/Alb/Http/Resource"},
		},
	})
	ids := {r.resource | some r in http.deny with input as t}
	ids == {"AlbHttp7966E42E", "AlbSecurityGroup580F65A6"}
}
