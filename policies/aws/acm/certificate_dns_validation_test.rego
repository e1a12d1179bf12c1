package regent.aws.acm.certificate_dns_validation_test

import rego.v1

import data.regent.aws.acm.certificate_dns_validation as dns
import data.regent.cfn

tpl(resources) := {"Resources": resources}

cert(props) := {"Type": "AWS::CertificateManager::Certificate", "Properties": object.union({"DomainName": "api.example-bank.com"}, props)}

test_email_validation_is_denied if {
	some r in dns.deny with input as tpl({"C": cert({"ValidationMethod": "EMAIL"})})
	r.resource == "C"
	r.path == ["Properties", "ValidationMethod"]
	contains(r.msg, "validated by email (ValidationMethod: EMAIL)")
}

test_missing_method_defaults_to_email if {
	some r in dns.deny with input as tpl({"C": cert({})})
	contains(r.msg, "sets no ValidationMethod")
}

test_dns_validation_passes if {
	count(dns.deny) == 0 with input as tpl({"A": cert({"ValidationMethod": "DNS"}), "B": cert({"ValidationMethod": "dns"})})
}

test_private_ca_certificates_are_skipped if {
	count(dns.deny) == 0 with input as tpl({"C": cert({"CertificateAuthorityArn": {"Ref": "PrivateCa"}})})
}

test_wrong_types_are_ignored if {
	count(dns.deny) == 0 with input as tpl({"A": cert({"ValidationMethod": true}), "B": cert({"ValidationMethod": ["EMAIL"]})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"C": cert({"ValidationMethod": {"Fn::If": ["IsProd", "DNS", "EMAIL"]}})},
}

test_email_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in dns.deny with input as v.template
	r.resource == "C"
}

test_dns_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(dns.deny) == 0 with input as v.template
}

test_parameter_default_email_is_denied if {
	t := {
		"Parameters": {"Validation": {"Type": "String", "Default": "EMAIL"}},
		"Resources": {"C": cert({"ValidationMethod": {"Ref": "Validation"}})},
	}
	some v in cfn.variants(t)
	some r in dns.deny with input as v.template
	r.resource == "C"
}

test_cdk_style_template_passes if {
	t := tpl({"SiteCertificate38C247F6": {
		"Type": "AWS::CertificateManager::Certificate",
		"Properties": {
			"DomainName": "www.online.example-bank.com",
			"DomainValidationOptions": [{"DomainName": "www.online.example-bank.com", "HostedZoneId": "Z0987654321ZYXWVUTSRQ"}],
			"SubjectAlternativeNames": ["online.example-bank.com"],
			"ValidationMethod": "DNS",
		},
		"Metadata": {"aws:cdk:path": "delivery-hardened/SiteCertificate/Resource"},
	}})
	count(dns.deny) == 0 with input as t
}
