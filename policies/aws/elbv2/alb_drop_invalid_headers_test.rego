package regent.aws.elbv2.alb_drop_invalid_headers_test

import rego.v1

import data.regent.aws.elbv2.alb_drop_invalid_headers as headers
import data.regent.cfn

tpl(resources) := {"Resources": resources}

key := "routing.http.drop_invalid_header_fields.enabled"

lb(attrs) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "application", "LoadBalancerAttributes": attrs}}

test_default_is_denied if {
	some r in headers.deny with input as tpl({"Alb": lb([])})
	r.resource == "Alb"
	r.path == ["Properties", "LoadBalancerAttributes"]
	contains(r.msg, "is not set")
}

test_false_is_denied_on_the_attribute if {
	some r in headers.deny with input as tpl({"Alb": lb([{"Key": "idle_timeout.timeout_seconds", "Value": "60"}, {"Key": key, "Value": "false"}])})
	r.path == ["Properties", "LoadBalancerAttributes", 1, "Value"]
}

test_enabled_passes if {
	count(headers.deny) == 0 with input as tpl({"A": lb([{"Key": key, "Value": "true"}]), "B": lb([{"Key": key, "Value": "TRUE"}])})
}

test_network_load_balancers_are_skipped if {
	count(headers.deny) == 0 with input as tpl({"Nlb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network"}}})
}

test_unresolved_attribute_list_is_not_judged if {
	count(headers.deny) == 0 with input as tpl({"Alb": lb({"Fn::ImportValue": "AlbAttributes"})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Alb": lb([{"Key": key, "Value": {"Fn::If": ["IsProd", "true", "false"]}}])},
}

test_disabled_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in headers.deny with input as v.template
	r.resource == "Alb"
}

test_enabled_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(headers.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {
		"Parameters": {"Drop": {"Type": "String", "Default": "false"}},
		"Resources": {"Alb": lb([{"Key": key, "Value": {"Ref": "Drop"}}])},
	}
	some v in cfn.variants(t)
	some r in headers.deny with input as v.template
	r.resource == "Alb"
}

test_cdk_style_template_passes if {
	t := tpl({"Alb16C2F182": {
		"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
		"Properties": {
			"LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "true"}, {"Key": key, "Value": "true"}],
			"Scheme": "internet-facing",
			"SecurityGroups": [{"Fn::GetAtt": ["AlbSg1155C1BE", "GroupId"]}],
		},
		"Metadata": {"aws:cdk:path": "web/Alb/Resource"},
	}})
	count(headers.deny) == 0 with input as t
}
