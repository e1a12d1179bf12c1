package regent.aws.cognito.user_pool_client_user_existence_errors_test

import rego.v1

import data.regent.aws.cognito.user_pool_client_user_existence_errors
import data.regent.cfn

tpl(resources) := {"Resources": resources}

client(props) := {"Type": "AWS::Cognito::UserPoolClient", "Properties": object.union({"UserPoolId": {"Ref": "Pool"}}, props)}

test_legacy_client_is_denied if {
	some r in user_pool_client_user_existence_errors.deny with input as tpl({"C": client({"PreventUserExistenceErrors": "LEGACY"})})
	r.resource == "C"
	r.path == ["Properties", "PreventUserExistenceErrors"]
	contains(r.msg, "PreventUserExistenceErrors: LEGACY")
}

test_missing_setting_is_denied if {
	some r in user_pool_client_user_existence_errors.deny with input as tpl({"C": client({})})
	r.resource == "C"
}

test_enabled_passes if {
	count(user_pool_client_user_existence_errors.deny) == 0 with input as tpl({"C": client({"PreventUserExistenceErrors": "ENABLED"})})
}

test_boolean_true_is_denied if {
	some r in user_pool_client_user_existence_errors.deny with input as tpl({"C": client({"PreventUserExistenceErrors": true})})
	r.resource == "C"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"C": client({"PreventUserExistenceErrors": {"Fn::If": ["IsProd", "ENABLED", "LEGACY"]}})},
}

test_legacy_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in user_pool_client_user_existence_errors.deny with input as v.template
	r.resource == "C"
}

test_enabled_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(user_pool_client_user_existence_errors.deny) == 0 with input as v.template
}

test_parameter_default_legacy_is_denied if {
	t := {"Parameters": {"Errors": {"Type": "String", "Default": "LEGACY"}}, "Resources": {"C": client({"PreventUserExistenceErrors": {"Ref": "Errors"}})}}
	some v in cfn.variants(t)
	some r in user_pool_client_user_existence_errors.deny with input as v.template
	r.resource == "C"
}

test_cdk_client_passes if {
	count(user_pool_client_user_existence_errors.deny) == 0 with input as tpl({"UserPoolWebClient4C9370B0": {
		"Type": "AWS::Cognito::UserPoolClient",
		"Properties": {
			"UserPoolId": {"Ref": "UserPool6BA7E5F2"},
			"ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
			"GenerateSecret": false,
			"PreventUserExistenceErrors": "ENABLED",
		},
		"Metadata": {"aws:cdk:path": "app/UserPool/WebClient/Resource"},
	}})
}
