package regent.aws.cognito.user_pool_advanced_security_test

import rego.v1

import data.regent.aws.cognito.user_pool_advanced_security
import data.regent.cfn

tpl(resources) := {"Resources": resources}

pool(mode) := {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolTier": "PLUS", "UserPoolAddOns": {"AdvancedSecurityMode": mode}}}

test_audit_mode_is_denied if {
	some r in user_pool_advanced_security.deny with input as tpl({"P": pool("AUDIT")})
	r.resource == "P"
	r.path == ["Properties", "UserPoolAddOns", "AdvancedSecurityMode"]
	contains(r.msg, "AdvancedSecurityMode: AUDIT")
}

test_missing_add_ons_are_denied if {
	some r in user_pool_advanced_security.deny with input as tpl({"P": {"Type": "AWS::Cognito::UserPool", "Properties": {}}})
	contains(r.msg, "AdvancedSecurityMode: OFF")
}

test_enforced_passes if {
	count(user_pool_advanced_security.deny) == 0 with input as tpl({"P": pool("ENFORCED")})
}

test_lower_case_enforced_passes if {
	count(user_pool_advanced_security.deny) == 0 with input as tpl({"P": pool("enforced")})
}

test_boolean_is_denied if {
	some r in user_pool_advanced_security.deny with input as tpl({"P": pool(true)})
	r.resource == "P"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": pool({"Fn::If": ["IsProd", "ENFORCED", "OFF"]})},
}

test_off_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in user_pool_advanced_security.deny with input as v.template
	r.resource == "P"
}

test_enforced_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(user_pool_advanced_security.deny) == 0 with input as v.template
}

test_parameter_default_audit_is_denied if {
	t := {"Parameters": {"Mode": {"Type": "String", "Default": "AUDIT"}}, "Resources": {"P": pool({"Ref": "Mode"})}}
	some v in cfn.variants(t)
	some r in user_pool_advanced_security.deny with input as v.template
	r.resource == "P"
}

test_cdk_pool_passes if {
	count(user_pool_advanced_security.deny) == 0 with input as tpl({"UserPool6BA7E5F2": {
		"Type": "AWS::Cognito::UserPool",
		"Properties": {"UserPoolAddOns": {"AdvancedSecurityMode": "ENFORCED"}, "UserPoolTier": "PLUS", "DeletionProtection": "ACTIVE"},
		"Metadata": {"aws:cdk:path": "app/UserPool/Resource"},
	}})
}
