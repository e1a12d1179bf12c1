package regent.aws.cloudfront.viewer_tls_version_test

import rego.v1

import data.regent.aws.cloudfront.viewer_tls_version as viewer_tls
import data.regent.cfn

tpl(resources) := {"Resources": resources}

dist(config) := {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}

acm(version) := {"ViewerCertificate": {"AcmCertificateArn": {"Ref": "Cert"}, "SslSupportMethod": "sni-only", "MinimumProtocolVersion": version}}

test_missing_viewer_certificate_is_denied if {
	some r in viewer_tls.deny with input as tpl({"D": dist({})})
	r.resource == "D"
	r.path == ["Properties", "DistributionConfig"]
	contains(r.msg, "default *.cloudfront.net certificate")
}

test_default_certificate_is_denied if {
	some r in viewer_tls.deny with input as tpl({"D": dist({"ViewerCertificate": {"CloudFrontDefaultCertificate": "true"}})})
	r.path == ["Properties", "DistributionConfig", "ViewerCertificate", "CloudFrontDefaultCertificate"]
}

test_modern_policies_pass if {
	every version in ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"] {
		count(viewer_tls.deny) == 0 with input as tpl({"D": dist(acm(version))})
	}
}

test_older_policies_are_denied if {
	every version in ["TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "SSLv3"] {
		some r in viewer_tls.deny with input as tpl({"D": dist(acm(version))})
		r.path == ["Properties", "DistributionConfig", "ViewerCertificate", "MinimumProtocolVersion"]
		contains(r.msg, version)
	}
}

test_acm_certificate_without_minimum_is_denied if {
	some r in viewer_tls.deny with input as tpl({"D": dist({"ViewerCertificate": {"AcmCertificateArn": {"Ref": "Cert"}, "SslSupportMethod": "sni-only"}})})
	contains(r.msg, "TLSv1,")
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"D": dist(acm({"Fn::If": ["IsProd", "TLSv1.2_2021", "TLSv1.2_2019"]}))},
}

test_old_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in viewer_tls.deny with input as v.template
	r.resource == "D"
}

test_modern_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(viewer_tls.deny) == 0 with input as v.template
}

test_parameter_default_old_policy_is_denied if {
	t := {
		"Parameters": {"MinTls": {"Type": "String", "Default": "TLSv1.1_2016"}},
		"Resources": {"D": dist(acm({"Ref": "MinTls"}))},
	}
	some v in cfn.variants(t)
	some r in viewer_tls.deny with input as v.template
	r.resource == "D"
}

test_cdk_style_template_passes if {
	t := tpl({"Distribution830FAC52": {
		"Type": "AWS::CloudFront::Distribution",
		"Properties": {"DistributionConfig": {
			"Aliases": ["www.online.example-bank.com"],
			"ViewerCertificate": {"AcmCertificateArn": {"Ref": "SiteCertificate38C247F6"}, "MinimumProtocolVersion": "TLSv1.2_2021", "SslSupportMethod": "sni-only"},
		}},
		"Metadata": {"aws:cdk:path": "delivery/Distribution/Resource"},
	}})
	count(viewer_tls.deny) == 0 with input as t
}
