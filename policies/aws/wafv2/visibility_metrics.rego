# METADATA
# title: WAF web ACLs and rules publish CloudWatch metrics and sampled requests
# description: >-
#   `VisibilityConfig` decides whether a web ACL and each of its rules emit
#   CloudWatch metrics and keep samples of the requests they match. Without
#   metrics there is nothing to alarm on when blocked requests spike during
#   an attack or when a rule starts blocking legitimate traffic; without
#   sampled requests the matches cannot be investigated.
# custom:
#   id: WAFV2.002
#   severity: low
#   resource_types: [AWS::WAFv2::WebACL, AWS::WAFv2::RuleGroup]
#   threats: [T08, T14]
#   mitigations: [M08, M14]
#   frameworks:
#     nist-800-53: [AU-12, SI-4]
#     soc2: [CC7.2]
#   remediation: |-
#     Set `CloudWatchMetricsEnabled: true` and `SampledRequestsEnabled: true`
#     in the `VisibilityConfig` of the web ACL or rule group and of every rule.
#     ```ts
#     const visibilityConfig = {
#       cloudWatchMetricsEnabled: true,
#       sampledRequestsEnabled: true,
#       metricName: 'payments-api',
#     };
#     new wafv2.CfnWebACL(this, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig, rules });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.wafv2.visibility_metrics

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

waf_types := {"AWS::WAFv2::WebACL": "web ACL", "AWS::WAFv2::RuleGroup": "rule group"}

settings := ["CloudWatchMetricsEnabled", "SampledRequestsEnabled"]

deny contains result if {
	some id, r in input.Resources
	kind := waf_types[r.Type]
	some [what, path, config] in visibility_configs(r)
	off := [s | some s in settings; disabled(object.get(config, s, false))]
	count(off) > 0
	result := {
		"msg": sprintf("%s: WAF %s%s does not enable %s; expected VisibilityConfig with CloudWatchMetricsEnabled and SampledRequestsEnabled true", [id, kind, what, concat(" and ", off)]),
		"resource": id,
		"path": path,
	}
}

# [description, path, VisibilityConfig] of the web ACL (or rule group) and
# of each of its rules.
visibility_configs(r) := {["", ["Properties", "VisibilityConfig"], config(object.get(r, "Properties", {}))]} | {x |
	some i, rule in cfn.as_array(cfn.property(r, ["Rules"], []))
	is_object(rule)
	x := [sprintf(" rule %v", [object.get(rule, "Name", i)]), ["Properties", "Rules", i, "VisibilityConfig"], config(rule)]
}

config(x) := c if {
	c := object.get(x, "VisibilityConfig", {})
	is_object(c)
} else := {}

disabled(v) if {
	not cfn.is_intrinsic(v)
	not aws_iam.is_true(v)
}
