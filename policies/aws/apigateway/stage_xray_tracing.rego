# METADATA
# title: API Gateway REST API stages should have X-Ray tracing enabled
# description: >-
#   Active X-Ray tracing follows each request from API Gateway through
#   Lambda and downstream services.  Without it, unusual call patterns,
#   latency-based attacks and errors in the request path are much harder to
#   detect and to trace back to their source.
# custom:
#   id: APIGW.004
#   severity: low
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGateway::Deployment]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-12, SI-4]
#     soc2: [CC7.2]
#   remediation: |-
#     Set `TracingEnabled: true` on the stage.
#     ```ts
#     new apigw.RestApi(this, 'Api', {
#       deployOptions: { tracingEnabled: true },
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_73]
#     control_tower: [CT.APIGATEWAY.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.stage_xray_tracing

import rego.v1

import data.regent.aws_web

deny contains result if {
	some id, stage in aws_web.rest_api_stages
	aws_web.may_be_not_true(object.get(stage.settings, "TracingEnabled", null))
	result := {
		"msg": sprintf("API Gateway stage %s does not have X-Ray tracing enabled (TracingEnabled is not true)", [id]),
		"resource": id,
		"path": array.concat(stage.base, ["TracingEnabled"]),
	}
}
