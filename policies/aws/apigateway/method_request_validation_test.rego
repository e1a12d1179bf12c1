package regent.aws.apigateway.method_request_validation_test

import rego.v1

import data.regent.aws.apigateway.method_request_validation
import data.regent.cfn

tpl(resources) := {"Resources": resources}

method(props) := {"Type": "AWS::ApiGateway::Method", "Properties": object.union({"HttpMethod": "POST", "RestApiId": "abc", "ResourceId": "def", "AuthorizationType": "AWS_IAM"}, props)}

test_method_without_validator_is_denied if {
	some r in method_request_validation.deny with input as tpl({"M": method({})})
	r.resource == "M"
	r.path == ["Properties", "RequestValidatorId"]
	contains(r.msg, "no request validator")
}

test_method_with_validator_passes if {
	count(method_request_validation.deny) == 0 with input as tpl({"V": {"Type": "AWS::ApiGateway::RequestValidator", "Properties": {"RestApiId": "abc", "ValidateRequestBody": true}}, "M": method({"RequestValidatorId": {"Ref": "V"}})})
}

test_options_and_mock_methods_are_exempt if {
	count(method_request_validation.deny) == 0 with input as tpl({
		"Preflight": method({"HttpMethod": "options"}),
		"Mock": method({"HttpMethod": "GET", "Integration": {"Type": "MOCK"}}),
	})
}

test_null_validator_is_denied if {
	some r in method_request_validation.deny with input as tpl({"M": method({"RequestValidatorId": null})})
	r.resource == "M"
}

if_tpl := {
	"Parameters": {"Strict": {"Type": "String", "AllowedValues": ["yes", "no"]}},
	"Conditions": {"Validate": {"Fn::Equals": [{"Ref": "Strict"}, "yes"]}},
	"Resources": {"M": method({"RequestValidatorId": {"Fn::If": ["Validate", {"Ref": "V"}, {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_validator_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Validate == false
	some r in method_request_validation.deny with input as v.template
	r.resource == "M"
}

test_branch_with_validator_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Validate == true
	count(method_request_validation.deny) == 0 with input as v.template
}

test_parameter_default_skipping_validation_is_denied if {
	t := json.patch(if_tpl, [{"op": "replace", "path": "/Parameters/Strict", "value": {"Type": "String", "Default": "no"}}])
	some v in cfn.variants(t)
	some r in method_request_validation.deny with input as v.template
	r.resource == "M"
}

test_cdk_method_with_validator_passes if {
	count(method_request_validation.deny) == 0 with input as tpl({"PaymentsApipaymentsPOST200E6CAF": {
		"Type": "AWS::ApiGateway::Method",
		"Properties": {
			"HttpMethod": "POST",
			"ResourceId": {"Ref": "PaymentsApipayments1A2B3C4D"},
			"RestApiId": {"Ref": "PaymentsApi277984FF"},
			"AuthorizationType": "COGNITO_USER_POOLS",
			"RequestModels": {"application/json": {"Ref": "PaymentsApiPaymentModel1A2B3C4D"}},
			"RequestValidatorId": {"Ref": "PaymentsApiBodyValidator5E6F7A8B"},
		},
		"Metadata": {"aws:cdk:path": "app/PaymentsApi/Default/payments/POST/Resource"},
	}})
}
