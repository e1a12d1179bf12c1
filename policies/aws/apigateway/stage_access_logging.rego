# METADATA
# title: API Gateway stages should have access logging enabled
# description: >-
#   Access logs record who called which API resource, from where, when and
#   with what result.  Without them, credential-stuffing, enumeration or data
#   scraping through the API cannot be detected or investigated, and there is
#   no audit trail of requests to the backend.
# custom:
#   id: APIGW.001
#   severity: medium
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGateway::Deployment, AWS::ApiGatewayV2::Stage]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-3, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Set `AccessLogSetting` (the `DestinationArn` of a CloudWatch Logs log
#     group or Firehose stream, and a `Format`) on the REST API stage, or
#     `AccessLogSettings` on an HTTP or WebSocket API stage.
#     ```ts
#     new apigw.RestApi(this, 'Api', {
#       deployOptions: {
#         accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
#         accessLogFormat: apigw.AccessLogFormat.jsonWithStandardFields(),
#       },
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_76]
#     cdk_nag: [AwsSolutions-APIG1]
#     control_tower: [CT.APIGATEWAY.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.stage_access_logging

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, stage in aws_web.rest_api_stages
	aws_web.may_be_absent(object.get(stage.settings, ["AccessLogSetting", "DestinationArn"], null))
	result := {
		"msg": sprintf("API Gateway stage %s has no access logging (AccessLogSetting.DestinationArn is not set)", [id]),
		"resource": id,
		"path": array.concat(stage.base, ["AccessLogSetting"]),
	}
}

deny contains result if {
	some id, stage in cfn.resources("AWS::ApiGatewayV2::Stage")
	aws_web.may_be_absent(cfn.property(stage, ["AccessLogSettings", "DestinationArn"], null))
	result := {
		"msg": sprintf("API Gateway v2 stage %s has no access logging (AccessLogSettings.DestinationArn is not set)", [id]),
		"resource": id,
		"path": ["Properties", "AccessLogSettings"],
	}
}
