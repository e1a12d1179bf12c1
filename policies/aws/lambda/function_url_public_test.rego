package regent.aws.lambda.function_url_public_test

import rego.v1

import data.regent.aws.lambda.function_url_public as url_public
import data.regent.cfn

tpl(resources) := {"Resources": resources}

url(auth) := {"Type": "AWS::Lambda::Url", "Properties": {"TargetFunctionArn": {"Fn::GetAtt": ["Fn", "Arn"]}, "AuthType": auth}}

test_auth_none_is_denied if {
	some r in url_public.deny with input as tpl({"Url": url("NONE")})
	r.resource == "Url"
	r.path == ["Properties", "AuthType"]
	contains(r.msg, "is public")
}

test_aws_iam_passes if {
	count(url_public.deny) == 0 with input as tpl({"Url": url("AWS_IAM")})
}

test_lower_case_none_is_denied if {
	some r in url_public.deny with input as tpl({"Url": url("none")})
	r.resource == "Url"
}

test_missing_or_wrongly_typed_auth_type_is_ignored if {
	count(url_public.deny) == 0 with input as tpl({
		"A": {"Type": "AWS::Lambda::Url", "Properties": {}},
		"B": url(false),
		"C": url(["NONE"]),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Url": url({"Fn::If": ["IsProd", "AWS_IAM", "NONE"]})},
}

test_public_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in url_public.deny with input as v.template
	r.resource == "Url"
}

test_private_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(url_public.deny) == 0 with input as v.template
}

test_parameter_default_none_is_denied if {
	t := {
		"Parameters": {"UrlAuth": {"Type": "String", "Default": "NONE"}},
		"Resources": {"Url": url({"Ref": "UrlAuth"})},
	}
	some v in cfn.variants(t)
	some r in url_public.deny with input as v.template
	r.resource == "Url"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"GetPaymentFnF5B745F3": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "nodejs22.x"}},
		"GetPaymentFnFunctionUrl8C78F53B": {
			"Type": "AWS::Lambda::Url",
			"Properties": {"AuthType": "NONE", "TargetFunctionArn": {"Fn::GetAtt": ["GetPaymentFnF5B745F3", "Arn"]}},
			"Metadata": {"aws:cdk:path": "api/GetPaymentFn/FunctionUrl/Resource"},
		},
	})
	some r in url_public.deny with input as t
	r.resource == "GetPaymentFnFunctionUrl8C78F53B"
}
