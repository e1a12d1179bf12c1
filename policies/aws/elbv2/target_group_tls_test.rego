package regent.aws.elbv2.target_group_tls_test

import rego.v1

import data.regent.aws.elbv2.target_group_tls as tg_tls
import data.regent.cfn

tpl(resources) := {"Resources": resources}

group(props) := {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": object.union({"VpcId": {"Ref": "Vpc"}, "TargetType": "ip"}, props)}

listener(protocol, tg) := {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
	"LoadBalancerArn": {"Ref": "Lb"},
	"Port": 443,
	"Protocol": protocol,
	"DefaultActions": [{"Type": "forward", "TargetGroupArn": {"Ref": tg}}],
}}

test_http_target_group_is_denied if {
	some r in tg_tls.deny with input as tpl({"Tg": group({"Protocol": "HTTP", "Port": 8080})})
	r.resource == "Tg"
	r.path == ["Properties", "Protocol"]
	contains(r.msg, "plain HTTP on port 8080")
}

test_https_and_tls_target_groups_pass if {
	count(tg_tls.deny) == 0 with input as tpl({
		"A": group({"Protocol": "HTTPS", "Port": 8443, "HealthCheckProtocol": "HTTPS"}),
		"B": group({"Protocol": "TLS", "Port": 5432}),
		"Tls": listener("TLS", "B"),
		"C": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {"TargetType": "lambda"}},
		"D": group({"Protocol": "GENEVE", "Port": 6081}),
	})
}

test_tcp_behind_tls_listener_is_denied if {
	t := tpl({"Tg": group({"Protocol": "TCP", "Port": 5432}), "Tls": listener("TLS", "Tg")})
	some r in tg_tls.deny with input as t
	r.resource == "Tg"
	contains(r.msg, "TLS listener Tls has decrypted")
}

test_tcp_pass_through_passes if {
	count(tg_tls.deny) == 0 with input as tpl({"Tg": group({"Protocol": "TCP", "Port": 443}), "Tcp": listener("TCP", "Tg")})
}

test_tcp_behind_tls_listener_rule_is_denied if {
	t := tpl({
		"Tg": group({"Protocol": "TCP", "Port": 5432}),
		"Other": group({"Protocol": "TLS", "Port": 5432}),
		"Tls": listener("TLS", "Other"),
		"Rule": {"Type": "AWS::ElasticLoadBalancingV2::ListenerRule", "Properties": {
			"ListenerArn": {"Ref": "Tls"},
			"Priority": 1,
			"Actions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": {"Ref": "Tg"}}]}}],
		}},
	})
	some r in tg_tls.deny with input as t
	r.resource == "Tg"
}

test_protocol_case_and_wrong_types if {
	some r in tg_tls.deny with input as tpl({"Tg": group({"Protocol": "http"})})
	r.resource == "Tg"
	count(tg_tls.deny) == 0 with input as tpl({"A": group({"Protocol": ["HTTP"]}), "B": group({"Protocol": 80})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Tg": group({"Protocol": {"Fn::If": ["IsProd", "HTTPS", "HTTP"]}, "Port": 8443})},
}

test_http_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in tg_tls.deny with input as v.template
	r.resource == "Tg"
}

test_https_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(tg_tls.deny) == 0 with input as v.template
}

test_parameter_default_http_is_denied if {
	t := {
		"Parameters": {"BackendProtocol": {"Type": "String", "Default": "HTTP"}},
		"Resources": {"Tg": group({"Protocol": {"Ref": "BackendProtocol"}, "Port": {"Ref": "AWS::NoValue"}})},
	}
	some v in cfn.variants(t)
	some r in tg_tls.deny with input as v.template
	r.resource == "Tg"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"AlbHttpApiGroup7C8FA22E": {
			"Type": "AWS::ElasticLoadBalancingV2::TargetGroup",
			"Properties": {
				"HealthCheckPath": "/health",
				"Port": 8080,
				"Protocol": "HTTP",
				"TargetGroupAttributes": [{"Key": "stickiness.enabled", "Value": "false"}],
				"TargetType": "ip",
				"VpcId": {"Ref": "Vpc8378EB38"},
			},
			"Metadata": {"aws:cdk:path": "web/Alb/Http/ApiGroup/Resource"},
		},
		"AlbHttp7966E42E": listener("HTTP", "AlbHttpApiGroup7C8FA22E"),
	})
	some r in tg_tls.deny with input as t
	r.resource == "AlbHttpApiGroup7C8FA22E"
}
