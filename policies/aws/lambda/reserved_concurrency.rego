# METADATA
# title: Lambda functions should set reserved concurrency
# description: >-
#   Without reserved concurrency a function can scale until it consumes the
#   account's whole regional concurrency quota: a flood of requests (or a
#   retry storm) against one function throttles every other function in the
#   account and overwhelms the databases and APIs it calls.
# custom:
#   id: LAMBDA.008
#   severity: low
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function]
#   threats: [T12]
#   mitigations: [M12]
#   frameworks:
#     nist-800-53: [SC-5, SC-6]
#   remediation: |-
#     Set `ReservedConcurrentExecutions` to the function's expected peak.
#     ```ts
#     new lambda.Function(this, 'CreatePaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#       reservedConcurrentExecutions: 50,
#     });
#     ```
#   aliases:
#     cfn_nag: [W92]
#     checkov: [CKV_AWS_115]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.reserved_concurrency

import rego.v1

import data.regent.aws_web

deny contains result if {
	some id, fn in aws_web.lambda_functions
	aws_web.may_be_absent(aws_web.function_property(fn, ["ReservedConcurrentExecutions"]))
	result := {
		"msg": sprintf("Lambda function %s has no reserved concurrency (ReservedConcurrentExecutions is not set)", [id]),
		"resource": id,
		"path": ["Properties", "ReservedConcurrentExecutions"],
	}
}
