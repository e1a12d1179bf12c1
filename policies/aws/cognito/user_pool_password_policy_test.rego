package regent.aws.cognito.user_pool_password_policy_test

import rego.v1

import data.regent.aws.cognito.user_pool_password_policy
import data.regent.cfn

tpl(resources) := {"Resources": resources}

pool(length) := {"Type": "AWS::Cognito::UserPool", "Properties": {"Policies": {"PasswordPolicy": {"MinimumLength": length, "RequireSymbols": true}}}}

test_short_minimum_is_denied if {
	some r in user_pool_password_policy.deny with input as tpl({"P": pool(8)})
	r.resource == "P"
	r.path == ["Properties", "Policies", "PasswordPolicy", "MinimumLength"]
	contains(r.msg, "MinimumLength: 8")
}

test_default_policy_is_denied if {
	some r in user_pool_password_policy.deny with input as tpl({"P": {"Type": "AWS::Cognito::UserPool", "Properties": {"MfaConfiguration": "ON"}}})
	contains(r.msg, "MinimumLength: 8")
}

test_twelve_characters_pass if {
	count(user_pool_password_policy.deny) == 0 with input as tpl({"P": pool(12)})
}

test_numeric_strings_are_understood if {
	count(user_pool_password_policy.deny) == 0 with input as tpl({"P": pool("14")})
	some r in user_pool_password_policy.deny with input as tpl({"P": pool("10")})
	r.resource == "P"
}

test_non_numeric_length_is_denied if {
	some r in user_pool_password_policy.deny with input as tpl({"P": pool("twelve")})
	r.resource == "P"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": pool({"Fn::If": ["IsProd", 14, 6]})},
}

test_short_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in user_pool_password_policy.deny with input as v.template
	r.resource == "P"
}

test_long_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(user_pool_password_policy.deny) == 0 with input as v.template
}

test_parameter_default_short_length_is_denied if {
	t := {"Parameters": {"MinLength": {"Type": "Number", "Default": "8"}}, "Resources": {"P": pool({"Ref": "MinLength"})}}
	some v in cfn.variants(t)
	some r in user_pool_password_policy.deny with input as v.template
	r.resource == "P"
}

test_cdk_pool_passes if {
	count(user_pool_password_policy.deny) == 0 with input as tpl({"UserPool6BA7E5F2": {
		"Type": "AWS::Cognito::UserPool",
		"Properties": {"Policies": {"PasswordPolicy": {
			"MinimumLength": 14, "RequireLowercase": true, "RequireNumbers": true,
			"RequireSymbols": true, "RequireUppercase": true, "TemporaryPasswordValidityDays": 3,
		}}},
		"Metadata": {"aws:cdk:path": "app/UserPool/Resource"},
	}})
}
