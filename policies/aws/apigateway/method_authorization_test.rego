package regent.aws.apigateway.method_authorization_test

import rego.v1

import data.regent.aws.apigateway.method_authorization
import data.regent.cfn

tpl(resources) := {"Resources": resources}

method(props) := {"Type": "AWS::ApiGateway::Method", "Properties": object.union({"HttpMethod": "POST", "RestApiId": "abc", "ResourceId": "def"}, props)}

test_method_without_authorization_is_denied if {
	some r in method_authorization.deny with input as tpl({"M": method({"AuthorizationType": "NONE"})})
	r.resource == "M"
	r.path == ["Properties", "AuthorizationType"]
	contains(r.msg, "does not require authorization")
}

test_missing_authorization_type_is_denied if {
	some r in method_authorization.deny with input as tpl({"M": method({})})
	contains(r.msg, "not set")
}

test_cognito_authorizer_passes if {
	count(method_authorization.deny) == 0 with input as tpl({"M": method({"AuthorizationType": "COGNITO_USER_POOLS", "AuthorizerId": {"Ref": "Authorizer"}})})
}

test_lower_case_none_is_denied if {
	some r in method_authorization.deny with input as tpl({"M": method({"AuthorizationType": "none"})})
	r.resource == "M"
}

test_cors_preflight_is_exempt if {
	count(method_authorization.deny) == 0 with input as tpl({"M": method({"HttpMethod": "OPTIONS", "AuthorizationType": "NONE"})})
}

test_http_api_route_without_authorization_is_denied if {
	some r in method_authorization.deny with input as tpl({"R": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": "abc", "RouteKey": "GET /payments", "AuthorizationType": "NONE"}}})
	r.resource == "R"
}

test_http_api_default_route_is_not_checked if {
	count(method_authorization.deny) == 0 with input as tpl({"R": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": "abc", "RouteKey": "$default"}}})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"M": method({"AuthorizationType": {"Fn::If": ["IsProd", "AWS_IAM", "NONE"]}})},
}

test_branch_without_authorization_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in method_authorization.deny with input as v.template
	r.resource == "M"
}

test_branch_with_authorization_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(method_authorization.deny) == 0 with input as v.template
}

test_parameter_default_none_is_denied if {
	t := {"Parameters": {"Auth": {"Type": "String", "Default": "NONE"}}, "Resources": {"M": method({"AuthorizationType": {"Ref": "Auth"}})}}
	some v in cfn.variants(t)
	some r in method_authorization.deny with input as v.template
	r.resource == "M"
}

test_cdk_method_with_cognito_authorizer_passes if {
	count(method_authorization.deny) == 0 with input as tpl({"PaymentsApipaymentsPOST200E6CAF": {
		"Type": "AWS::ApiGateway::Method",
		"Properties": {
			"HttpMethod": "POST",
			"ResourceId": {"Ref": "PaymentsApipayments1A2B3C4D"},
			"RestApiId": {"Ref": "PaymentsApi277984FF"},
			"AuthorizationType": "COGNITO_USER_POOLS",
			"AuthorizerId": {"Ref": "AuthorizerBD825682"},
			"AuthorizationScopes": ["payments/write"],
		},
		"Metadata": {"aws:cdk:path": "app/PaymentsApi/Default/payments/POST/Resource"},
	}})
}
