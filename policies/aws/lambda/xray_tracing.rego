# METADATA
# title: Lambda functions should have active X-Ray tracing
# description: >-
#   Active tracing records each invocation and its downstream calls.
#   Without it, abnormal call patterns, unexpected outbound calls and errors
#   along a request path are hard to detect and to attribute during an
#   investigation.
# custom:
#   id: LAMBDA.009
#   severity: low
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-12, SI-4]
#     soc2: [CC7.2]
#   remediation: |-
#     Set `TracingConfig.Mode: Active` (SAM: `Tracing: Active`) and allow the role to
#     write trace segments.
#     ```ts
#     new lambda.Function(this, 'CreatePaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#       tracing: lambda.Tracing.ACTIVE,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_50]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.xray_tracing

import rego.v1

import data.regent.aws_web

deny contains result if {
	some id, fn in aws_web.lambda_functions
	some mode in aws_web.values(aws_web.function_property(fn, mode_path(fn)))
	aws_web.known(mode)
	not mode == "Active"
	result := {
		"msg": sprintf("Lambda function %s does not have active X-Ray tracing (%s)", [id, shown(mode)]),
		"resource": id,
		"path": array.concat(["Properties"], mode_path(fn)),
	}
}

mode_path(fn) := ["Tracing"] if aws_web.sam(fn)

mode_path(fn) := ["TracingConfig", "Mode"] if not aws_web.sam(fn)

shown(mode) := "tracing mode not set" if mode == null

shown(mode) := sprintf("tracing mode %v", [mode]) if mode != null
