package regent.aws.elbv2.alb_desync_mitigation_test

import rego.v1

import data.regent.aws.elbv2.alb_desync_mitigation as desync
import data.regent.cfn

tpl(resources) := {"Resources": resources}

key := "routing.http.desync_mitigation_mode"

lb(attrs) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": attrs}}

test_monitor_mode_is_denied if {
	some r in desync.deny with input as tpl({"Alb": lb([{"Key": key, "Value": "monitor"}])})
	r.resource == "Alb"
	r.path == ["Properties", "LoadBalancerAttributes", 0, "Value"]
	contains(r.msg, "request smuggling")
}

test_defensive_strictest_and_default_pass if {
	count(desync.deny) == 0 with input as tpl({
		"A": lb([{"Key": key, "Value": "defensive"}]),
		"B": lb([{"Key": key, "Value": "strictest"}]),
		"C": lb([]),
	})
}

test_upper_case_monitor_is_denied if {
	some r in desync.deny with input as tpl({"Alb": lb([{"Key": key, "Value": "MONITOR"}])})
	r.resource == "Alb"
}

test_network_load_balancers_and_wrong_types_are_skipped if {
	count(desync.deny) == 0 with input as tpl({
		"Nlb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network", "LoadBalancerAttributes": [{"Key": key, "Value": "monitor"}]}},
		"Alb": lb([{"Key": key, "Value": ["monitor"]}]),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Alb": lb([{"Key": key, "Value": {"Fn::If": ["IsProd", "strictest", "monitor"]}}])},
}

test_monitor_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in desync.deny with input as v.template
	r.resource == "Alb"
}

test_strictest_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(desync.deny) == 0 with input as v.template
}

test_parameter_default_monitor_is_denied if {
	t := {
		"Parameters": {"Mode": {"Type": "String", "Default": "monitor"}},
		"Resources": {"Alb": lb([{"Key": key, "Value": {"Ref": "Mode"}}])},
	}
	some v in cfn.variants(t)
	some r in desync.deny with input as v.template
	r.resource == "Alb"
}

test_cdk_style_template_is_denied if {
	t := tpl({"Alb16C2F182": {
		"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
		"Properties": {
			"LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "false"}, {"Key": key, "Value": "monitor"}],
			"Scheme": "internet-facing",
			"Type": "application",
		},
		"Metadata": {"aws:cdk:path": "web/Alb/Resource"},
	}})
	some r in desync.deny with input as t
	r.resource == "Alb16C2F182"
	r.path == ["Properties", "LoadBalancerAttributes", 1, "Value"]
}
