package regent.aws.elbv2.listener_tls_policy_test

import rego.v1

import data.regent.aws.elbv2.listener_tls_policy as tls
import data.regent.cfn

tpl(resources) := {"Resources": resources}

listener(protocol, policy) := {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {
	"LoadBalancerArn": {"Ref": "Alb"},
	"Port": 443,
	"Protocol": protocol,
	"SslPolicy": policy,
	"Certificates": [{"CertificateArn": {"Ref": "Cert"}}],
}}

test_modern_policies_pass if {
	every policy in [
		"ELBSecurityPolicy-TLS13-1-2-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
		"ELBSecurityPolicy-TLS13-1-3-2021-06",
		"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
		"ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
		"ELBSecurityPolicy-TLS-1-2-2017-01",
		"ELBSecurityPolicy-FS-1-2-Res-2020-10",
	] {
		count(tls.deny) == 0 with input as tpl({"L": listener("HTTPS", policy)})
	}
}

test_old_policies_are_denied if {
	every policy in [
		"ELBSecurityPolicy-2016-08",
		"ELBSecurityPolicy-2015-05",
		"ELBSecurityPolicy-TLS13-1-0-2021-06",
		"ELBSecurityPolicy-TLS13-1-1-2021-06",
		"ELBSecurityPolicy-TLS-1-1-2017-01",
		"ELBSecurityPolicy-FS-1-1-2019-08",
		"ELBSecurityPolicy-FS-2018-06",
	] {
		some r in tls.deny with input as tpl({"L": listener("HTTPS", policy)})
		r.resource == "L"
		r.path == ["Properties", "SslPolicy"]
		contains(r.msg, policy)
	}
}

test_missing_policy_gets_the_2016_default if {
	t := tpl({"L": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 443, "Protocol": "HTTPS"}}})
	some r in tls.deny with input as t
	contains(r.msg, "ELBSecurityPolicy-2016-08")
}

test_nlb_tls_listener_is_checked if {
	some r in tls.deny with input as tpl({"L": listener("TLS", "ELBSecurityPolicy-2016-08")})
	r.resource == "L"
}

test_plain_listeners_and_wrong_types_are_ignored if {
	count(tls.deny) == 0 with input as tpl({
		"Http": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 80, "Protocol": "HTTP"}},
		"Tcp": {"Type": "AWS::ElasticLoadBalancingV2::Listener", "Properties": {"Port": 5432, "Protocol": "TCP"}},
	})
	some r in tls.deny with input as tpl({"L": listener("HTTPS", 2016)})
	contains(r.msg, "2016")
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"L": listener("HTTPS", {"Fn::If": ["IsProd", "ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-2016-08"]})},
}

test_old_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in tls.deny with input as v.template
	r.resource == "L"
}

test_modern_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(tls.deny) == 0 with input as v.template
}

test_parameter_default_policy_is_denied if {
	t := {
		"Parameters": {"Policy": {"Type": "String", "Default": "ELBSecurityPolicy-TLS-1-1-2017-01"}},
		"Resources": {"L": listener("HTTPS", {"Ref": "Policy"})},
	}
	some v in cfn.variants(t)
	some r in tls.deny with input as v.template
	r.resource == "L"
}

test_cdk_style_template_passes if {
	t := tpl({
		"AlbHttpsB7CA700A": {
			"Type": "AWS::ElasticLoadBalancingV2::Listener",
			"Properties": {
				"Certificates": [{"CertificateArn": {"Ref": "ApiCertificate1D5B2B3B"}}],
				"DefaultActions": [{"TargetGroupArn": {"Ref": "AlbHttpsApiGroup93277757"}, "Type": "forward"}],
				"LoadBalancerArn": {"Ref": "Alb16C2F182"},
				"Port": 443,
				"Protocol": "HTTPS",
				"SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
			},
			"Metadata": {"aws:cdk:path": "web/Alb/Https/Resource"},
		},
	})
	count(tls.deny) == 0 with input as t
}
