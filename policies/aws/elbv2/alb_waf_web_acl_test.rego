package regent.aws.elbv2.alb_waf_web_acl_test

import rego.v1

import data.regent.aws.elbv2.alb_waf_web_acl as waf
import data.regent.cfn

tpl(resources) := {"Resources": resources}

lb(props) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": props}

assoc(target) := {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"ResourceArn": target, "WebACLArn": {"Fn::GetAtt": ["Acl", "Arn"]}}}

test_public_alb_without_waf_is_denied if {
	some r in waf.deny with input as tpl({"Alb": lb({"Scheme": "internet-facing"})})
	r.resource == "Alb"
	r.path == ["Properties", "Scheme"]
	contains(r.msg, "no AWS WAF web ACL")
}

test_associated_alb_passes if {
	count(waf.deny) == 0 with input as tpl({"Alb": lb({}), "Assoc": assoc({"Ref": "Alb"})})
	count(waf.deny) == 0 with input as tpl({"Alb": lb({}), "Assoc": assoc({"Fn::GetAtt": ["Alb", "LoadBalancerArn"]})})
}

test_internal_and_network_load_balancers_are_skipped if {
	count(waf.deny) == 0 with input as tpl({
		"Internal": lb({"Scheme": "internal"}),
		"Nlb": lb({"Type": "network", "Scheme": "internet-facing"}),
	})
}

test_association_with_another_resource_does_not_count if {
	some r in waf.deny with input as tpl({"Alb": lb({}), "Other": lb({"Scheme": "internal"}), "Assoc": assoc({"Ref": "Other"})})
	r.resource == "Alb"
}

test_wrongly_typed_scheme_is_not_judged if {
	count(waf.deny) == 0 with input as tpl({"Alb": lb({"Scheme": 1})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Alb": lb({"Scheme": {"Fn::If": ["IsProd", "internal", "internet-facing"]}})},
}

test_public_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in waf.deny with input as v.template
	r.resource == "Alb"
}

test_internal_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(waf.deny) == 0 with input as v.template
}

test_parameter_default_public_is_denied if {
	t := {
		"Parameters": {"Scheme": {"Type": "String", "Default": "internet-facing"}},
		"Resources": {"Alb": lb({"Scheme": {"Ref": "Scheme"}})},
	}
	some v in cfn.variants(t)
	some r in waf.deny with input as v.template
	r.resource == "Alb"
}

test_cdk_style_template_passes if {
	t := tpl({
		"Alb16C2F182": {
			"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
			"Properties": {"Scheme": "internet-facing", "Type": "application"},
			"Metadata": {"aws:cdk:path": "web/Alb/Resource"},
		},
		"AlbWafAssociation": assoc({"Ref": "Alb16C2F182"}),
	})
	count(waf.deny) == 0 with input as t
}
