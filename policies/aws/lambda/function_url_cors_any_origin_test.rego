package regent.aws.lambda.function_url_cors_any_origin_test

import rego.v1

import data.regent.aws.lambda.function_url_cors_any_origin as cors
import data.regent.cfn

tpl(resources) := {"Resources": resources}

url(origins) := {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": "AWS_IAM", "Cors": {"AllowOrigins": origins}}}

test_wildcard_origin_is_denied if {
	some r in cors.deny with input as tpl({"Url": url(["https://app.example-bank.com", "*"])})
	r.resource == "Url"
	r.path == ["Properties", "Cors", "AllowOrigins", 1]
	contains(r.msg, "any origin")
}

test_listed_origins_pass if {
	count(cors.deny) == 0 with input as tpl({"Url": url(["https://app.example-bank.com", "https://*.example-bank.com"])})
}

test_no_cors_passes if {
	count(cors.deny) == 0 with input as tpl({"Url": {"Type": "AWS::Lambda::Url", "Properties": {"AuthType": "AWS_IAM"}}})
}

test_wrongly_typed_origins_are_ignored if {
	count(cors.deny) == 0 with input as tpl({"A": url("*"), "B": url({"Origin": "*"})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Url": url([{"Fn::If": ["IsProd", "https://app.example-bank.com", "*"]}])},
}

test_wildcard_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in cors.deny with input as v.template
	r.resource == "Url"
}

test_listed_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(cors.deny) == 0 with input as v.template
}

test_parameter_default_wildcard_is_denied if {
	t := {
		"Parameters": {"Origin": {"Type": "String", "Default": "*"}},
		"Resources": {"Url": url([{"Ref": "Origin"}])},
	}
	some v in cfn.variants(t)
	some r in cors.deny with input as v.template
	r.resource == "Url"
}

test_cdk_style_template_is_denied if {
	t := tpl({"GetPaymentFnFunctionUrl8C78F53B": {
		"Type": "AWS::Lambda::Url",
		"Properties": {
			"AuthType": "NONE",
			"Cors": {"AllowMethods": ["*"], "AllowOrigins": ["*"]},
			"TargetFunctionArn": {"Fn::GetAtt": ["GetPaymentFnF5B745F3", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "api/GetPaymentFn/FunctionUrl/Resource"},
	}})
	some r in cors.deny with input as t
	r.resource == "GetPaymentFnFunctionUrl8C78F53B"
}
