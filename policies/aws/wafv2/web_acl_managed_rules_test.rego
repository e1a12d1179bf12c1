package regent.aws.wafv2.web_acl_managed_rules_test

import rego.v1

import data.regent.aws.wafv2.web_acl_managed_rules
import data.regent.cfn

tpl(resources) := {"Resources": resources}

visibility := {"CloudWatchMetricsEnabled": true, "SampledRequestsEnabled": true, "MetricName": "m"}

acl(rules) := {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "DefaultAction": {"Allow": {}}, "VisibilityConfig": visibility, "Rules": rules}}

managed(name, override) := {
	"Name": name, "Priority": 0, "OverrideAction": override, "VisibilityConfig": visibility,
	"Statement": {"ManagedRuleGroupStatement": {"VendorName": "AWS", "Name": name}},
}

rate_limit := {"Name": "rate", "Priority": 1, "Action": {"Block": {}}, "VisibilityConfig": visibility, "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}}

test_acl_without_managed_rules_is_denied if {
	some r in web_acl_managed_rules.deny with input as tpl({"A": acl([rate_limit])})
	r.resource == "A"
	r.path == ["Properties", "Rules"]
	contains(r.msg, "has no AWS managed baseline rule group")
}

test_empty_acl_is_denied if {
	some r in web_acl_managed_rules.deny with input as tpl({"A": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL", "DefaultAction": {"Allow": {}}}}})
	contains(r.msg, "has no rules")
}

test_core_rule_set_passes if {
	count(web_acl_managed_rules.deny) == 0 with input as tpl({"A": acl([managed("AWSManagedRulesCommonRuleSet", {"None": {}}), rate_limit])})
}

test_known_bad_inputs_passes if {
	count(web_acl_managed_rules.deny) == 0 with input as tpl({"A": acl([managed("AWSManagedRulesKnownBadInputsRuleSet", {"None": {}})])})
}

test_count_mode_is_denied_on_the_override if {
	some r in web_acl_managed_rules.deny with input as tpl({"A": acl([rate_limit, managed("AWSManagedRulesCommonRuleSet", {"Count": {}})])})
	r.path == ["Properties", "Rules", 1, "OverrideAction"]
	contains(r.msg, "count mode")
}

test_other_vendor_group_of_the_same_name_is_denied if {
	rule := json.patch(managed("AWSManagedRulesCommonRuleSet", {"None": {}}), [{"op": "replace", "path": "/Statement/ManagedRuleGroupStatement/VendorName", "value": "Example"}])
	some r in web_acl_managed_rules.deny with input as tpl({"A": acl([rule])})
	r.resource == "A"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"A": acl([managed("AWSManagedRulesCommonRuleSet", {"Fn::If": ["IsProd", {"None": {}}, {"Count": {}}]})])},
}

test_count_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in web_acl_managed_rules.deny with input as v.template
	r.resource == "A"
}

test_blocking_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(web_acl_managed_rules.deny) == 0 with input as v.template
}

test_parameter_default_rule_group_is_checked if {
	rule := json.patch(managed("AWSManagedRulesCommonRuleSet", {"None": {}}), [{"op": "replace", "path": "/Statement/ManagedRuleGroupStatement/Name", "value": {"Ref": "Group"}}])
	t := {"Parameters": {"Group": {"Type": "String", "Default": "AWSManagedRulesAnonymousIpList"}}, "Resources": {"A": acl([rule])}}
	some v in cfn.variants(t)
	some r in web_acl_managed_rules.deny with input as v.template
	r.resource == "A"
}

test_cdk_web_acl_passes if {
	count(web_acl_managed_rules.deny) == 0 with input as tpl({"WebAcl": {
		"Type": "AWS::WAFv2::WebACL",
		"Properties": {
			"DefaultAction": {"Allow": {}},
			"Rules": [
				{"Name": "AWSManagedRulesCommonRuleSet", "OverrideAction": {"None": {}}, "Priority": 0,
				 "Statement": {"ManagedRuleGroupStatement": {"Name": "AWSManagedRulesCommonRuleSet", "VendorName": "AWS"}},
				 "VisibilityConfig": {"CloudWatchMetricsEnabled": true, "MetricName": "common", "SampledRequestsEnabled": true}},
			],
			"Scope": "REGIONAL",
			"VisibilityConfig": {"CloudWatchMetricsEnabled": true, "MetricName": "payments-api", "SampledRequestsEnabled": true},
		},
		"Metadata": {"aws:cdk:path": "app/WebAcl"},
	}})
}
