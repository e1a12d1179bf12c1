# METADATA
# title: REST APIs served through a custom domain disable the default endpoint
# description: >-
#   A REST API mapped to a custom domain is still reachable at its default
#   `https://{api-id}.execute-api.{region}.amazonaws.com` address unless
#   `DisableExecuteApiEndpoint` is true. Callers who use that address bypass
#   what the custom domain enforces (its TLS security policy, mutual TLS,
#   the WAF and logging put in front of the domain), so the API's exposure
#   is wider than the reviewed design.
# custom:
#   id: APIGW.009
#   severity: medium
#   resource_types: [AWS::ApiGateway::RestApi]
#   threats: [T03, T02]
#   mitigations: [M03, M02]
#   frameworks:
#     nist-800-53: [SC-7, AC-17]
#     soc2: [CC6.6]
#   remediation: |-
#     Set `DisableExecuteApiEndpoint: true` on the `AWS::ApiGateway::RestApi` once clients use the custom domain.
#     ```ts
#     new apigw.RestApi(this, 'Api', {
#       domainName: { domainName: 'api.example.com', certificate },
#       disableExecuteApiEndpoint: true,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.default_endpoint_disabled

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# Is the API mapped to a custom domain in this template?
mapped(id) if {
	some _, m in input.Resources
	m.Type in {"AWS::ApiGateway::BasePathMapping", "AWS::ApiGateway::BasePathMappingV2"}
	cfn.references(cfn.property(m, ["RestApiId"], null), id)
}

deny contains result if {
	some id, api in cfn.resources("AWS::ApiGateway::RestApi")
	mapped(id)
	not aws_iam.is_true(cfn.property(api, ["DisableExecuteApiEndpoint"], false))
	result := {
		"msg": sprintf("%s: REST API is served through a custom domain but its default execute-api endpoint stays reachable, bypassing the domain's TLS policy, mutual TLS and WAF; expected DisableExecuteApiEndpoint: true", [id]),
		"resource": id,
		"path": ["Properties", "DisableExecuteApiEndpoint"],
	}
}
