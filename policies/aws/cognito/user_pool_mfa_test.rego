package regent.aws.cognito.user_pool_mfa_test

import rego.v1

import data.regent.aws.cognito.user_pool_mfa
import data.regent.cfn

tpl(resources) := {"Resources": resources}

pool(props) := {"Type": "AWS::Cognito::UserPool", "Properties": props}

test_pool_without_mfa_is_denied if {
	some r in user_pool_mfa.deny with input as tpl({"P": pool({"UserPoolName": "staff"})})
	r.resource == "P"
	r.path == ["Properties"]
	contains(r.msg, "MfaConfiguration: OFF")
	not r.severity
}

test_mfa_off_is_denied_on_the_setting if {
	some r in user_pool_mfa.deny with input as tpl({"P": pool({"MfaConfiguration": "OFF"})})
	r.path == ["Properties", "MfaConfiguration"]
}

test_mfa_on_passes if {
	count(user_pool_mfa.deny) == 0 with input as tpl({"P": pool({"MfaConfiguration": "ON", "EnabledMfas": ["SOFTWARE_TOKEN_MFA"]})})
}

test_optional_mfa_is_reported_with_medium_severity if {
	findings := user_pool_mfa.deny with input as tpl({"P": pool({"MfaConfiguration": "OPTIONAL"})})
	count(findings) == 1
	some r in findings
	r.severity == "medium"
	contains(r.msg, "suppression giving the reason")
}

test_lower_case_on_passes_and_wrong_type_is_denied if {
	count(user_pool_mfa.deny) == 0 with input as tpl({"P": pool({"MfaConfiguration": "on"})})
	some r in user_pool_mfa.deny with input as tpl({"P": pool({"MfaConfiguration": true})})
	r.resource == "P"
}

test_pool_without_properties_is_denied if {
	some r in user_pool_mfa.deny with input as tpl({"P": {"Type": "AWS::Cognito::UserPool"}})
	r.resource == "P"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": pool({"MfaConfiguration": {"Fn::If": ["IsProd", "ON", "OFF"]}})},
}

test_branch_without_mfa_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in user_pool_mfa.deny with input as v.template
	r.resource == "P"
}

test_branch_with_mfa_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(user_pool_mfa.deny) == 0 with input as v.template
}

test_parameter_default_off_is_denied if {
	t := {"Parameters": {"Mfa": {"Type": "String", "Default": "OFF"}}, "Resources": {"P": pool({"MfaConfiguration": {"Ref": "Mfa"}})}}
	some v in cfn.variants(t)
	some r in user_pool_mfa.deny with input as v.template
	r.resource == "P"
}

test_cdk_pool_with_required_mfa_passes if {
	count(user_pool_mfa.deny) == 0 with input as tpl({"UserPool6BA7E5F2": {
		"Type": "AWS::Cognito::UserPool",
		"Properties": {
			"AdminCreateUserConfig": {"AllowAdminCreateUserOnly": true},
			"EnabledMfas": ["SOFTWARE_TOKEN_MFA"],
			"MfaConfiguration": "ON",
			"UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"},
		},
		"UpdateReplacePolicy": "Retain",
		"DeletionPolicy": "Retain",
		"Metadata": {"aws:cdk:path": "app/UserPool/Resource"},
	}})
}
