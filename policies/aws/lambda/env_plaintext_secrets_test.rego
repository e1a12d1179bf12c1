package regent.aws.lambda.env_plaintext_secrets_test

import rego.v1

import data.regent.aws.lambda.env_plaintext_secrets as secrets
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(vars) := {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs22.x", "Environment": {"Variables": vars}}}

test_live_api_key_is_denied if {
	some r in secrets.deny with input as tpl({"Fn": fn({"PARTNER_API_KEY": "sk_live_51HxYzAbCdEfGhIjKlMnOpQr"})})
	r.resource == "Fn"
	r.path == ["Properties", "Environment", "Variables", "PARTNER_API_KEY"]
	contains(r.msg, "PARTNER_API_KEY")
}

test_secret_references_and_config_pass if {
	count(secrets.deny) == 0 with input as tpl({"Fn": fn({
		"TABLE_NAME": {"Ref": "Table"},
		"PARTNER_API_KEY_SECRET_ARN": {"Ref": "PartnerKey"},
		"DB_PASSWORD": "{{resolve:secretsmanager:db:SecretString:password}}",
		"LOG_LEVEL": "info",
	})})
}

test_password_named_literal_is_denied if {
	some r in secrets.deny with input as tpl({"Fn": fn({"DB_PASSWORD": "hunter2hunter2"})})
	contains(r.msg, "its name says it holds a secret")
}

test_wrongly_typed_variables_are_ignored if {
	count(secrets.deny) == 0 with input as tpl({
		"A": fn(["DB_PASSWORD=hunter2"]),
		"B": fn({"DB_PASSWORD": true}),
		"C": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": "DB_PASSWORD"}},
	})
}

test_sam_globals_are_checked if {
	t := {
		"Transform": "AWS::Serverless-2016-10-31",
		"Globals": {"Function": {"Environment": {"Variables": {"API_TOKEN": "xoxb-1234567890-abcdefghij"}}}},
		"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Runtime": "python3.13"}}},
	}
	some r in secrets.deny with input as t
	r.resource == "Fn"
	r.path == ["Properties"]
	contains(r.msg, "Globals")
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({"DB_PASSWORD": {"Fn::If": ["IsProd", "{{resolve:secretsmanager:db:SecretString:password}}", "devpassword1"]}})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in secrets.deny with input as v.template
	r.resource == "Fn"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(secrets.deny) == 0 with input as v.template
}

test_parameter_default_secret_is_denied if {
	t := {
		"Parameters": {"ApiKey": {"Type": "String", "Default": "sk_live_51HxYzAbCdEfGhIjKlMnOpQr"}},
		"Resources": {"Fn": fn({"PARTNER_API_KEY": {"Ref": "ApiKey"}})},
	}
	some v in cfn.variants(t)
	some r in secrets.deny with input as v.template
	r.resource == "Fn"
}

test_cdk_style_template_is_denied if {
	t := tpl({"CreatePaymentFn1CCC006E": {
		"Type": "AWS::Lambda::Function",
		"Properties": {
			"Environment": {"Variables": {"PARTNER_API_KEY": "sk_live_51HxYzAbCdEfGhIjKlMnOpQr", "TABLE_NAME": {"Ref": "PaymentsTable48A42630"}}},
			"Role": {"Fn::GetAtt": ["CreatePaymentFnServiceRole", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "api/CreatePaymentFn/Resource"},
	}})
	some r in secrets.deny with input as t
	r.resource == "CreatePaymentFn1CCC006E"
}
