# METADATA
# title: API Gateway methods should validate requests
# description: >-
#   Without a request validator, API Gateway forwards any body, query string
#   and header values to the integration.  Validating requests against the
#   method's model and required parameters at the edge rejects malformed
#   and oversized input before it reaches the backend and reduces its attack
#   surface (injection, type confusion, resource exhaustion).
# custom:
#   id: APIGW.008
#   severity: low
#   resource_types: [AWS::ApiGateway::Method]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SI-10]
#   remediation: |-
#     Create an `AWS::ApiGateway::RequestValidator` (`ValidateRequestBody`,
#     `ValidateRequestParameters`) and set `RequestValidatorId`, with
#     `RequestModels` or `RequestParameters`, on the method.
#     ```ts
#     payments.addMethod('POST', integration, {
#       requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },
#       requestModels: { 'application/json': paymentModel },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-APIG2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.method_request_validation

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, method in cfn.resources("AWS::ApiGateway::Method")
	http_method := cfn.property(method, ["HttpMethod"], "")
	not upper(http_method) == "OPTIONS"
	not mock(method)
	aws_web.may_be_absent(cfn.property(method, ["RequestValidatorId"], null))
	result := {
		"msg": sprintf("API Gateway method %s (%v) has no request validator (RequestValidatorId is not set)", [id, http_method]),
		"resource": id,
		"path": ["Properties", "RequestValidatorId"],
	}
}

mock(method) if upper(cfn.property(method, ["Integration", "Type"], "")) == "MOCK"
