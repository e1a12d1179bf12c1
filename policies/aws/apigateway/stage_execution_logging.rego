# METADATA
# title: API Gateway REST API stages should have execution logging enabled
# description: >-
#   Execution logs (LoggingLevel ERROR or INFO) record authorizer decisions,
#   request validation failures, integration errors and throttling for every
#   method.  Without them, failed authorization attempts and attacks that
#   trigger backend errors leave no trace in CloudWatch Logs.
# custom:
#   id: APIGW.002
#   severity: low
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGateway::Deployment]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12, SI-4]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Add a `MethodSettings` entry with `HttpMethod: "*"`, `ResourcePath:
#     "/*"` and `LoggingLevel: INFO` (or `ERROR`), keeping `DataTraceEnabled:
#     false` so that payloads are not logged; the account needs an API Gateway
#     CloudWatch role (`AWS::ApiGateway::Account`).
#     ```ts
#     new apigw.RestApi(this, 'Api', {
#       cloudWatchRole: true,
#       deployOptions: { loggingLevel: apigw.MethodLoggingLevel.INFO, dataTraceEnabled: false },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-APIG6]
#     control_tower: [CT.APIGATEWAY.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.stage_execution_logging

import rego.v1

import data.regent.aws_web

_enabled := {"INFO", "ERROR"}

deny contains result if {
	some id, stage in aws_web.rest_api_stages
	not logs_everything(stage.settings)
	result := {
		"msg": sprintf("API Gateway stage %s does not enable execution logging for all methods (no LoggingLevel INFO or ERROR for HttpMethod * and ResourcePath /*)", [id]),
		"resource": id,
		"path": array.concat(stage.base, where(stage.settings)),
	}
}

# StageDescription's own LoggingLevel applies to every method.
logs_everything(settings) if enabled(object.get(settings, "LoggingLevel", null))

logs_everything(settings) if {
	some m in aws_web.catch_all_method_settings(settings)
	enabled(object.get(m, "LoggingLevel", null))
}

# Every candidate value is INFO or ERROR, or is an unresolved intrinsic.
enabled(level) if {
	level != null
	every x in aws_web.values(level) {
		ok(x)
	}
}

ok(x) if {
	is_string(x)
	upper(x) in _enabled
}

ok(x) if not aws_web.known(x)

where(settings) := ["MethodSettings", min(indexes), "LoggingLevel"] if {
	indexes := [i | some i, _ in aws_web.catch_all_method_settings(settings)]
	count(indexes) > 0
} else := ["MethodSettings"]
