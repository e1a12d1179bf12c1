package regent.aws.elbv2.lb_deletion_protection_test

import rego.v1

import data.regent.aws.elbv2.lb_deletion_protection as deletion
import data.regent.cfn

tpl(resources) := {"Resources": resources}

key := "deletion_protection.enabled"

lb(type, attrs) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": type, "LoadBalancerAttributes": attrs}}

test_default_is_denied if {
	some r in deletion.deny with input as tpl({"Alb": lb("application", [])})
	r.resource == "Alb"
	r.path == ["Properties", "LoadBalancerAttributes"]
	contains(r.msg, "no deletion protection")
}

test_false_is_denied_for_every_type if {
	every type in ["application", "network", "gateway"] {
		some r in deletion.deny with input as tpl({"Lb": lb(type, [{"Key": key, "Value": "false"}])})
		r.path == ["Properties", "LoadBalancerAttributes", 0, "Value"]
	}
}

test_enabled_passes if {
	count(deletion.deny) == 0 with input as tpl({"A": lb("application", [{"Key": key, "Value": "true"}]), "B": lb("network", [{"Key": key, "Value": true}])})
}

test_wrong_value_types_are_denied if {
	some r in deletion.deny with input as tpl({"Alb": lb("application", [{"Key": key, "Value": 1}])})
	contains(r.msg, "is 1")
}

test_other_resources_are_ignored if {
	count(deletion.deny) == 0 with input as tpl({"Tg": {"Type": "AWS::ElasticLoadBalancingV2::TargetGroup", "Properties": {}}})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Alb": lb("application", [{"Key": key, "Value": {"Fn::If": ["IsProd", "true", "false"]}}])},
}

test_unprotected_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in deletion.deny with input as v.template
	r.resource == "Alb"
}

test_protected_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(deletion.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {
		"Parameters": {"Protect": {"Type": "String", "Default": "false"}},
		"Resources": {"Alb": lb("application", [{"Key": key, "Value": {"Ref": "Protect"}}])},
	}
	some v in cfn.variants(t)
	some r in deletion.deny with input as v.template
	r.resource == "Alb"
}

test_cdk_style_template_is_denied if {
	t := tpl({"Alb16C2F182": {
		"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
		"Properties": {"LoadBalancerAttributes": [{"Key": key, "Value": "false"}], "Scheme": "internet-facing"},
		"Metadata": {"aws:cdk:path": "web/Alb/Resource"},
	}})
	some r in deletion.deny with input as t
	r.resource == "Alb16C2F182"
}
