# METADATA
# title: API Gateway methods must require authorization
# description: >-
#   A method with `AuthorizationType: NONE` can be called by anyone who knows
#   the URL: the backend receives unauthenticated requests and must defend
#   itself against enumeration, scraping and abuse of its business logic.
#   CORS preflight (OPTIONS) methods are exempt.
# custom:
#   id: APIGW.007
#   severity: high
#   resource_types: [AWS::ApiGateway::Method, AWS::ApiGatewayV2::Route]
#   threats: [T03, T14]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-3, IA-2, IA-8]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `AuthorizationType` to `COGNITO_USER_POOLS`, `CUSTOM` (a Lambda
#     authorizer, with `AuthorizerId`) or `AWS_IAM` on every method; on HTTP
#     API routes use `JWT`, `CUSTOM` or `AWS_IAM`.
#     ```ts
#     new apigw.RestApi(this, 'Api', {
#       defaultMethodOptions: {
#         authorizer,
#         authorizationType: apigw.AuthorizationType.COGNITO,
#       },
#     });
#     ```
#   aliases:
#     cfn_nag: [W59]
#     checkov: [CKV_AWS_59]
#     cdk_nag: [AwsSolutions-APIG4]
#     control_tower: [CT.APIGATEWAY.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.method_authorization

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, method in cfn.resources("AWS::ApiGateway::Method")
	not options(cfn.property(method, ["HttpMethod"], ""))
	some auth in aws_web.values(cfn.property(method, ["AuthorizationType"], null))
	open(auth)
	result := {
		"msg": sprintf("API Gateway method %s (%v) does not require authorization (AuthorizationType: %s)", [id, cfn.property(method, ["HttpMethod"], "?"), shown(auth)]),
		"resource": id,
		"path": ["Properties", "AuthorizationType"],
	}
}

# HTTP API routes ("GET /path") and WebSocket $connect routes.
deny contains result if {
	some id, route in cfn.resources("AWS::ApiGatewayV2::Route")
	key := cfn.property(route, ["RouteKey"], "")
	is_string(key)
	authorizable(key)
	some auth in aws_web.values(cfn.property(route, ["AuthorizationType"], null))
	open(auth)
	result := {
		"msg": sprintf("API Gateway route %s (%s) does not require authorization (AuthorizationType: %s)", [id, key, shown(auth)]),
		"resource": id,
		"path": ["Properties", "AuthorizationType"],
	}
}

open(auth) if auth == null

open(auth) if {
	is_string(auth)
	upper(auth) == "NONE"
}

options(m) if {
	is_string(m)
	upper(m) == "OPTIONS"
}

authorizable(key) if key == "$connect"

authorizable(key) if {
	regex.match(`^(ANY|GET|POST|PUT|PATCH|DELETE|HEAD) `, key)
}

shown(auth) := "not set" if auth == null

shown(auth) := auth if auth != null
