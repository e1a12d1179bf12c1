package regent.aws.cloudfront.origin_protocol_https_test

import rego.v1

import data.regent.aws.cloudfront.origin_protocol_https as origin_https
import data.regent.cfn

tpl(resources) := {"Resources": resources}

dist(origins) := {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Origins": origins}}}

custom(policy, protocols) := {"Id": "api", "DomainName": "api.example-bank.com", "CustomOriginConfig": {
	"OriginProtocolPolicy": policy,
	"OriginSSLProtocols": protocols,
}}

test_http_only_origin_is_denied if {
	some r in origin_https.deny with input as tpl({"D": dist([custom("http-only", ["TLSv1.2"])])})
	r.resource == "D"
	r.path == ["Properties", "DistributionConfig", "Origins", 0, "CustomOriginConfig", "OriginProtocolPolicy"]
	contains(r.msg, "origin api is fetched over plain HTTP")
}

test_match_viewer_is_denied if {
	some r in origin_https.deny with input as tpl({"D": dist([custom("match-viewer", ["TLSv1.2"])])})
	contains(r.msg, "match-viewer")
}

test_weak_ssl_protocols_are_denied if {
	some r in origin_https.deny with input as tpl({"D": dist([custom("https-only", ["TLSv1", "TLSv1.1", "TLSv1.2"])])})
	r.path == ["Properties", "DistributionConfig", "Origins", 0, "CustomOriginConfig", "OriginSSLProtocols"]
	contains(r.msg, "TLSv1, TLSv1.1")
}

test_https_only_and_s3_origins_pass if {
	count(origin_https.deny) == 0 with input as tpl({"D": dist([
		custom("https-only", ["TLSv1.2"]),
		{"Id": "s3", "DomainName": {"Fn::GetAtt": ["Site", "RegionalDomainName"]}, "S3OriginConfig": {"OriginAccessIdentity": ""}},
	])})
}

test_malformed_origins_are_ignored if {
	count(origin_https.deny) == 0 with input as tpl({
		"A": dist("http-only"),
		"B": dist([{"CustomOriginConfig": "http-only"}]),
		"C": dist([custom(false, "TLSv1")]),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"D": dist([custom({"Fn::If": ["IsProd", "https-only", "http-only"]}, ["TLSv1.2"])])},
}

test_plain_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in origin_https.deny with input as v.template
	r.resource == "D"
}

test_https_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(origin_https.deny) == 0 with input as v.template
}

test_parameter_default_http_only_is_denied if {
	t := {
		"Parameters": {"OriginPolicy": {"Type": "String", "Default": "http-only"}},
		"Resources": {"D": dist([custom({"Ref": "OriginPolicy"}, ["TLSv1.2"])])},
	}
	some v in cfn.variants(t)
	some r in origin_https.deny with input as v.template
	r.resource == "D"
}

test_cdk_style_template_is_denied if {
	t := tpl({"Distribution830FAC52": {
		"Type": "AWS::CloudFront::Distribution",
		"Properties": {"DistributionConfig": {"Origins": [{
			"CustomOriginConfig": {"OriginProtocolPolicy": "http-only", "OriginSSLProtocols": ["TLSv1.2"]},
			"DomainName": {"Fn::Select": [2, {"Fn::Split": ["/", {"Fn::GetAtt": ["SiteBucket397A1860", "WebsiteURL"]}]}]},
			"Id": "deliveryinsecureDistributionOrigin15D897B87",
		}]}},
		"Metadata": {"aws:cdk:path": "delivery/Distribution/Resource"},
	}})
	some r in origin_https.deny with input as t
	r.resource == "Distribution830FAC52"
}
