package regent.aws.cloudfront.viewer_protocol_https_test

import rego.v1

import data.regent.aws.cloudfront.viewer_protocol_https as viewer
import data.regent.cfn

tpl(resources) := {"Resources": resources}

dist(config) := {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}

behavior(policy) := {"TargetOriginId": "o1", "ViewerProtocolPolicy": policy}

test_allow_all_default_behavior_is_denied if {
	some r in viewer.deny with input as tpl({"D": dist({"DefaultCacheBehavior": behavior("allow-all")})})
	r.resource == "D"
	r.path == ["Properties", "DistributionConfig", "DefaultCacheBehavior", "ViewerProtocolPolicy"]
	contains(r.msg, "default cache behavior allows plain HTTP")
}

test_allow_all_cache_behavior_is_denied if {
	config := {
		"DefaultCacheBehavior": behavior("redirect-to-https"),
		"CacheBehaviors": [
			object.union(behavior("https-only"), {"PathPattern": "/api/*"}),
			object.union(behavior("allow-all"), {"PathPattern": "/static/*"}),
		],
	}
	findings := viewer.deny with input as tpl({"D": dist(config)})
	count(findings) == 1
	some r in findings
	r.path == ["Properties", "DistributionConfig", "CacheBehaviors", 1, "ViewerProtocolPolicy"]
	contains(r.msg, "cache behavior /static/*")
}

test_https_policies_pass if {
	count(viewer.deny) == 0 with input as tpl({
		"A": dist({"DefaultCacheBehavior": behavior("redirect-to-https")}),
		"B": dist({"DefaultCacheBehavior": behavior("https-only")}),
	})
}

test_malformed_configs_are_ignored if {
	count(viewer.deny) == 0 with input as tpl({
		"A": dist("allow-all"),
		"B": dist({"DefaultCacheBehavior": "allow-all", "CacheBehaviors": {"ViewerProtocolPolicy": "allow-all"}}),
		"C": dist({"DefaultCacheBehavior": behavior(true)}),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"D": dist({"DefaultCacheBehavior": behavior({"Fn::If": ["IsProd", "redirect-to-https", "allow-all"]})})},
}

test_plain_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in viewer.deny with input as v.template
	r.resource == "D"
}

test_https_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(viewer.deny) == 0 with input as v.template
}

test_parameter_default_allow_all_is_denied if {
	t := {
		"Parameters": {"ViewerPolicy": {"Type": "String", "Default": "allow-all"}},
		"Resources": {"D": dist({"DefaultCacheBehavior": behavior({"Ref": "ViewerPolicy"})})},
	}
	some v in cfn.variants(t)
	some r in viewer.deny with input as v.template
	r.resource == "D"
}

test_cdk_style_template_is_denied if {
	t := tpl({"Distribution830FAC52": {
		"Type": "AWS::CloudFront::Distribution",
		"Properties": {"DistributionConfig": {
			"DefaultCacheBehavior": {"CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6", "TargetOriginId": "deliveryinsecureDistributionOrigin15D897B87", "ViewerProtocolPolicy": "allow-all"},
			"Origins": [{"DomainName": {"Fn::GetAtt": ["SiteBucket397A1860", "RegionalDomainName"]}, "Id": "deliveryinsecureDistributionOrigin15D897B87"}],
		}},
		"Metadata": {"aws:cdk:path": "delivery/Distribution/Resource"},
	}})
	some r in viewer.deny with input as t
	r.resource == "Distribution830FAC52"
}
