package regent.aws.apigateway.domain_tls_policy_test

import rego.v1

import data.regent.aws.apigateway.domain_tls_policy
import data.regent.cfn

tpl(resources) := {"Resources": resources}

domain(props) := {"Type": "AWS::ApiGateway::DomainName", "Properties": object.union({"DomainName": "api.example.com"}, props)}

test_tls_1_0_is_denied if {
	some r in domain_tls_policy.deny with input as tpl({"D": domain({"SecurityPolicy": "TLS_1_0"})})
	r.resource == "D"
	r.path == ["Properties", "SecurityPolicy"]
	contains(r.msg, "older than 1.2")
}

test_missing_security_policy_is_denied if {
	some r in domain_tls_policy.deny with input as tpl({"D": domain({})})
	contains(r.msg, "sets no SecurityPolicy")
}

test_tls_1_2_passes if {
	count(domain_tls_policy.deny) == 0 with input as tpl({"D": domain({"SecurityPolicy": "TLS_1_2"})})
}

test_enhanced_tls13_policy_passes if {
	count(domain_tls_policy.deny) == 0 with input as tpl({"D": domain({"SecurityPolicy": "SecurityPolicy_TLS13_1_3_2025_09"})})
}

test_lower_case_value_passes if {
	count(domain_tls_policy.deny) == 0 with input as tpl({"D": domain({"SecurityPolicy": "tls_1_2"})})
}

test_http_api_domain_configuration_is_checked if {
	d := {"Type": "AWS::ApiGatewayV2::DomainName", "Properties": {"DomainName": "api.example.com", "DomainNameConfigurations": [
		{"CertificateArn": "arn:aws:acm:eu-west-2:111122223333:certificate/abc", "SecurityPolicy": "TLS_1_2"},
		{"CertificateArn": "arn:aws:acm:eu-west-2:111122223333:certificate/def", "SecurityPolicy": "TLS_1_0"},
	]}}
	some r in domain_tls_policy.deny with input as tpl({"V2": d})
	r.path == ["Properties", "DomainNameConfigurations", 1, "SecurityPolicy"]
}

if_tpl := {
	"Parameters": {"Legacy": {"Type": "String", "AllowedValues": ["yes", "no"]}},
	"Conditions": {"LegacyClients": {"Fn::Equals": [{"Ref": "Legacy"}, "yes"]}},
	"Resources": {"D": domain({"SecurityPolicy": {"Fn::If": ["LegacyClients", "TLS_1_0", "TLS_1_2"]}})},
}

test_branch_with_tls_1_0_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.LegacyClients == true
	some r in domain_tls_policy.deny with input as v.template
	r.resource == "D"
}

test_branch_with_tls_1_2_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.LegacyClients == false
	count(domain_tls_policy.deny) == 0 with input as v.template
}

test_parameter_default_tls_1_0_is_denied if {
	t := {"Parameters": {"Policy": {"Type": "String", "Default": "TLS_1_0"}}, "Resources": {"D": domain({"SecurityPolicy": {"Ref": "Policy"}})}}
	some v in cfn.variants(t)
	some r in domain_tls_policy.deny with input as v.template
	r.resource == "D"
}

test_cdk_domain_passes if {
	count(domain_tls_policy.deny) == 0 with input as tpl({"PaymentsApiCustomDomain034777F2": {
		"Type": "AWS::ApiGateway::DomainName",
		"Properties": {
			"DomainName": "api.payments.example-bank.com",
			"EndpointConfiguration": {"Types": ["REGIONAL"]},
			"RegionalCertificateArn": {"Ref": "ApiCertificate1D5B2B3B"},
			"SecurityPolicy": "TLS_1_2",
		},
		"Metadata": {"aws:cdk:path": "app/PaymentsApi/CustomDomain/Resource"},
	}})
}
