package regent.aws.cloudfront.waf_test

import rego.v1

import data.regent.aws.cloudfront.waf
import data.regent.cfn

tpl(resources) := {"Resources": resources}

dist(config) := {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}

test_distribution_without_web_acl_is_denied if {
	some r in waf.deny with input as tpl({"D": dist({"Enabled": true})})
	r.resource == "D"
	r.path == ["Properties", "DistributionConfig"]
	contains(r.msg, "no AWS WAF web ACL")
}

test_web_acl_passes if {
	count(waf.deny) == 0 with input as tpl({"D": dist({"WebACLId": {"Fn::GetAtt": ["CdnWebAcl", "Arn"]}})})
	count(waf.deny) == 0 with input as tpl({"D": dist({"WebACLId": "arn:aws:wafv2:us-east-1:111122223333:global/webacl/cdn/abc"})})
}

test_empty_web_acl_is_denied if {
	some r in waf.deny with input as tpl({"D": dist({"WebACLId": ""})})
	r.resource == "D"
}

test_missing_config_is_denied if {
	some r in waf.deny with input as tpl({"D": {"Type": "AWS::CloudFront::Distribution", "Properties": {}}})
	r.resource == "D"
}

test_other_types_are_ignored if {
	count(waf.deny) == 0 with input as tpl({"B": {"Type": "AWS::S3::Bucket", "Properties": {}}})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"D": dist({"WebACLId": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["CdnWebAcl", "Arn"]}, {"Ref": "AWS::NoValue"}]}})},
}

test_unprotected_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in waf.deny with input as v.template
	r.resource == "D"
}

test_protected_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(waf.deny) == 0 with input as v.template
}

test_parameter_default_empty_is_denied if {
	t := {
		"Parameters": {"WebAcl": {"Type": "String", "Default": ""}},
		"Resources": {"D": dist({"WebACLId": {"Ref": "WebAcl"}})},
	}
	some v in cfn.variants(t)
	some r in waf.deny with input as v.template
	r.resource == "D"
}

test_cdk_style_template_passes if {
	t := tpl({
		"CdnWebAcl": {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "CLOUDFRONT"}},
		"Distribution830FAC52": {
			"Type": "AWS::CloudFront::Distribution",
			"Properties": {"DistributionConfig": {"WebACLId": {"Fn::GetAtt": ["CdnWebAcl", "Arn"]}}},
			"Metadata": {"aws:cdk:path": "delivery/Distribution/Resource"},
		},
	})
	count(waf.deny) == 0 with input as t
}
