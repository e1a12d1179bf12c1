package regent.aws.wafv2.visibility_metrics_test

import rego.v1

import data.regent.aws.wafv2.visibility_metrics
import data.regent.cfn

tpl(resources) := {"Resources": resources}

on := {"CloudWatchMetricsEnabled": true, "SampledRequestsEnabled": true, "MetricName": "m"}

acl(config, rules) := {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "DefaultAction": {"Allow": {}}, "VisibilityConfig": config, "Rules": rules}}

rule(config) := {
	"Name": "common", "Priority": 0, "OverrideAction": {"None": {}}, "VisibilityConfig": config,
	"Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": "AWSManagedRulesCommonRuleSet"}},
}

test_acl_without_metrics_is_denied if {
	some r in visibility_metrics.deny with input as tpl({"A": acl({"CloudWatchMetricsEnabled": false, "SampledRequestsEnabled": true, "MetricName": "m"}, [])})
	r.resource == "A"
	r.path == ["Properties", "VisibilityConfig"]
	r.msg == "A: WAF web ACL does not enable CloudWatchMetricsEnabled; expected VisibilityConfig with CloudWatchMetricsEnabled and SampledRequestsEnabled true"
}

test_rule_without_metrics_is_denied if {
	some r in visibility_metrics.deny with input as tpl({"A": acl(on, [rule({"CloudWatchMetricsEnabled": false, "SampledRequestsEnabled": false, "MetricName": "c"})])})
	r.path == ["Properties", "Rules", 0, "VisibilityConfig"]
	contains(r.msg, "rule common does not enable CloudWatchMetricsEnabled and SampledRequestsEnabled")
}

test_everything_enabled_passes if {
	count(visibility_metrics.deny) == 0 with input as tpl({"A": acl(on, [rule(on)])})
}

test_string_booleans_are_understood if {
	count(visibility_metrics.deny) == 0 with input as tpl({"A": acl({"CloudWatchMetricsEnabled": "true", "SampledRequestsEnabled": "TRUE", "MetricName": "m"}, [])})
	some r in visibility_metrics.deny with input as tpl({"A": acl({"CloudWatchMetricsEnabled": "false", "SampledRequestsEnabled": "true", "MetricName": "m"}, [])})
	r.resource == "A"
}

test_rule_group_without_visibility_config_is_denied if {
	some r in visibility_metrics.deny with input as tpl({"G": {"Type": "AWS::WAFv2::RuleGroup", "Properties": {"Scope": "REGIONAL", "Capacity": 10}}})
	r.resource == "G"
	contains(r.msg, "WAF rule group does not enable")
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"A": acl({"CloudWatchMetricsEnabled": {"Fn::If": ["IsProd", true, false]}, "SampledRequestsEnabled": true, "MetricName": "m"}, [])},
}

test_branch_without_metrics_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in visibility_metrics.deny with input as v.template
	r.resource == "A"
}

test_branch_with_metrics_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(visibility_metrics.deny) == 0 with input as v.template
}

test_parameter_default_without_sampling_is_denied if {
	t := {"Parameters": {"Sample": {"Type": "String", "Default": "false"}}, "Resources": {"A": acl({"CloudWatchMetricsEnabled": true, "SampledRequestsEnabled": {"Ref": "Sample"}, "MetricName": "m"}, [])}}
	some v in cfn.variants(t)
	some r in visibility_metrics.deny with input as v.template
	contains(r.msg, "SampledRequestsEnabled")
}

test_cdk_web_acl_passes if {
	count(visibility_metrics.deny) == 0 with input as tpl({"ApiWebAcl": {
		"Type": "AWS::WAFv2::WebACL",
		"Properties": {
			"DefaultAction": {"Allow": {}},
			"Rules": [{"Name": "AWSManagedRulesCommonRuleSet", "OverrideAction": {"None": {}}, "Priority": 0,
				"Statement": {"ManagedRuleGroupStatement": {"Name": "AWSManagedRulesCommonRuleSet", "VendorName": "AWS"}},
				"VisibilityConfig": {"CloudWatchMetricsEnabled": true, "MetricName": "common", "SampledRequestsEnabled": true}}],
			"Scope": "REGIONAL",
			"VisibilityConfig": {"CloudWatchMetricsEnabled": true, "MetricName": "payments-serverless", "SampledRequestsEnabled": true},
		},
		"Metadata": {"aws:cdk:path": "app/ApiWebAcl"},
	}})
}
