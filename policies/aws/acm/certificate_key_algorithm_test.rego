package regent.aws.acm.certificate_key_algorithm_test

import rego.v1

import data.regent.aws.acm.certificate_key_algorithm as key
import data.regent.cfn

tpl(resources) := {"Resources": resources}

cert(props) := {"Type": "AWS::CertificateManager::Certificate", "Properties": object.union({"DomainName": "api.example-bank.com", "ValidationMethod": "DNS"}, props)}

test_rsa_1024_is_denied if {
	some r in key.deny with input as tpl({"C": cert({"KeyAlgorithm": "RSA_1024"})})
	r.resource == "C"
	r.path == ["Properties", "KeyAlgorithm"]
	contains(r.msg, "RSA_1024")
}

test_strong_algorithms_and_default_pass if {
	every algorithm in ["RSA_2048", "RSA_3072", "RSA_4096", "EC_prime256v1", "EC_secp384r1", "EC_secp521r1"] {
		count(key.deny) == 0 with input as tpl({"C": cert({"KeyAlgorithm": algorithm})})
	}
	count(key.deny) == 0 with input as tpl({"C": cert({})})
}

test_unknown_algorithms_are_denied if {
	some r in key.deny with input as tpl({"C": cert({"KeyAlgorithm": "DSA_1024"})})
	r.resource == "C"
}

test_wrong_types_are_denied if {
	some r in key.deny with input as tpl({"C": cert({"KeyAlgorithm": 1024})})
	contains(r.msg, "1024")
}

test_intrinsic_values_are_not_judged if {
	count(key.deny) == 0 with input as tpl({"C": cert({"KeyAlgorithm": {"Fn::ImportValue": "KeyAlgorithm"}})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"C": cert({"KeyAlgorithm": {"Fn::If": ["IsProd", "EC_prime256v1", "RSA_1024"]}})},
}

test_weak_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in key.deny with input as v.template
	r.resource == "C"
}

test_strong_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(key.deny) == 0 with input as v.template
}

test_parameter_default_weak_is_denied if {
	t := {
		"Parameters": {"Alg": {"Type": "String", "Default": "RSA_1024"}},
		"Resources": {"C": cert({"KeyAlgorithm": {"Ref": "Alg"}})},
	}
	some v in cfn.variants(t)
	some r in key.deny with input as v.template
	r.resource == "C"
}

test_cdk_style_template_passes if {
	t := tpl({"ApiCertificate1D5B2B3B": {
		"Type": "AWS::CertificateManager::Certificate",
		"Properties": {
			"CertificateTransparencyLoggingPreference": "ENABLED",
			"DomainName": "api.payments.example-bank.co.uk",
			"DomainValidationOptions": [{"DomainName": "api.payments.example-bank.co.uk", "HostedZoneId": "Z0123456789ABCDEFGHIJ"}],
			"KeyAlgorithm": "EC_prime256v1",
			"ValidationMethod": "DNS",
		},
		"Metadata": {"aws:cdk:path": "web-fargate-hardened/ApiCertificate/Resource"},
	}})
	count(key.deny) == 0 with input as t
}
