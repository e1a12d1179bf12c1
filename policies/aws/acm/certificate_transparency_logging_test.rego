package regent.aws.acm.certificate_transparency_logging_test

import rego.v1

import data.regent.aws.acm.certificate_transparency_logging as ct
import data.regent.cfn

tpl(resources) := {"Resources": resources}

cert(props) := {"Type": "AWS::CertificateManager::Certificate", "Properties": object.union({"DomainName": "api.example-bank.com", "ValidationMethod": "DNS"}, props)}

test_disabled_ct_logging_is_denied if {
	some r in ct.deny with input as tpl({"C": cert({"CertificateTransparencyLoggingPreference": "DISABLED"})})
	r.resource == "C"
	r.path == ["Properties", "CertificateTransparencyLoggingPreference"]
	contains(r.msg, "opts out of Certificate Transparency")
}

test_enabled_and_default_pass if {
	count(ct.deny) == 0 with input as tpl({"A": cert({"CertificateTransparencyLoggingPreference": "ENABLED"}), "B": cert({})})
}

test_lower_case_disabled_is_denied if {
	some r in ct.deny with input as tpl({"C": cert({"CertificateTransparencyLoggingPreference": "disabled"})})
	r.resource == "C"
}

test_wrong_types_are_ignored if {
	count(ct.deny) == 0 with input as tpl({"A": cert({"CertificateTransparencyLoggingPreference": false}), "B": cert({"CertificateTransparencyLoggingPreference": ["DISABLED"]})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"C": cert({"CertificateTransparencyLoggingPreference": {"Fn::If": ["IsProd", "ENABLED", "DISABLED"]}})},
}

test_disabled_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in ct.deny with input as v.template
	r.resource == "C"
}

test_enabled_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(ct.deny) == 0 with input as v.template
}

test_parameter_default_disabled_is_denied if {
	t := {
		"Parameters": {"Ct": {"Type": "String", "Default": "DISABLED"}},
		"Resources": {"C": cert({"CertificateTransparencyLoggingPreference": {"Ref": "Ct"}})},
	}
	some v in cfn.variants(t)
	some r in ct.deny with input as v.template
	r.resource == "C"
}

test_cdk_style_template_is_denied if {
	t := tpl({"ApiCertificate1D5B2B3B": {
		"Type": "AWS::CertificateManager::Certificate",
		"Properties": {
			"CertificateTransparencyLoggingPreference": "DISABLED",
			"DomainName": "api.payments.example-bank.com",
			"Tags": [{"Key": "Name", "Value": "serverless-api-insecure/ApiCertificate"}],
			"ValidationMethod": "DNS",
		},
		"Metadata": {"aws:cdk:path": "serverless-api-insecure/ApiCertificate/Resource"},
	}})
	some r in ct.deny with input as t
	r.resource == "ApiCertificate1D5B2B3B"
}
