# METADATA
# title: WAF web ACLs block common exploits with AWS managed rule groups
# description: >-
#   A web ACL without the AWS baseline rule groups (the core rule set, or
#   known bad inputs) passes SQL injection, cross-site scripting, path
#   traversal, Log4Shell-style payloads and malformed requests to the
#   application: associating it gives a false sense of protection. A rule
#   group in count mode (`OverrideAction: Count`) only records matches. An
#   empty web ACL is reported too.
# custom:
#   id: WAFV2.001
#   severity: medium
#   resource_types: [AWS::WAFv2::WebACL]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SC-7, SI-3, SI-10]
#     soc2: [CC6.6]
#     pci-dss-4.0: ["6.4.2"]
#   remediation: |-
#     Add a rule with a `ManagedRuleGroupStatement` for
#     `AWSManagedRulesCommonRuleSet` (and `AWSManagedRulesKnownBadInputsRuleSet`),
#     vendor `AWS`, with `OverrideAction: {None: {}}`.
#     ```ts
#     new wafv2.CfnWebACL(this, 'Acl', {
#       // ...
#       rules: [{
#         name: 'common', priority: 0, overrideAction: { none: {} },
#         statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
#         visibilityConfig: { cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: 'common' },
#       }],
#     });
#     ```
#   aliases:
#     control_tower: [CT.WAFV2.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.wafv2.web_acl_managed_rules

import rego.v1

import data.regent.cfn

baseline_groups := {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"}

deny contains result if {
	some id, acl in cfn.resources("AWS::WAFv2::WebACL")
	rules := cfn.property(acl, ["Rules"], [])
	not cfn.is_intrinsic(rules)
	not blocking_baseline(rules)
	[why, path] := finding(rules)
	result := {
		"msg": sprintf("%s: WAF web ACL %s; expected a rule with the AWS managed rule group AWSManagedRulesCommonRuleSet or AWSManagedRulesKnownBadInputsRuleSet that is not in count mode", [id, why]),
		"resource": id,
		"path": path,
	}
}

blocking_baseline(rules) if {
	some rule in cfn.as_array(rules)
	baseline(rule)
	not count_only(rule)
}

baseline(rule) if {
	group := rule.Statement.ManagedRuleGroupStatement
	group.VendorName == "AWS"
	group.Name in baseline_groups
}

count_only(rule) if is_object(rule.OverrideAction.Count)

finding(rules) := ["has no rules", ["Properties", "Rules"]] if {
	count(cfn.as_array(rules)) == 0
} else := ["runs the AWS managed baseline rule group in count mode only (OverrideAction: Count)", ["Properties", "Rules", i, "OverrideAction"]] if {
	some i, rule in cfn.as_array(rules)
	baseline(rule)
} else := ["has no AWS managed baseline rule group", ["Properties", "Rules"]]
