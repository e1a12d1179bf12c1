# METADATA
# title: Lambda functions should have a dead-letter queue or on-failure destination
# description: >-
#   Events from asynchronous invocations that still fail after Lambda's
#   retries are discarded unless the function has a dead-letter queue or an
#   on-failure destination.  Payment, order or audit events are then lost
#   silently, and an attacker who can make the function fail can make
#   events disappear without a trace.
# custom:
#   id: LAMBDA.006
#   severity: low
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function, AWS::Lambda::EventInvokeConfig]
#   threats: [T12, T09]
#   mitigations: [M12]
#   frameworks:
#     nist-800-53: [CP-10, SI-13]
#   remediation: |-
#     Give the function an encrypted SQS dead-letter queue, or an on-failure destination
#     (`AWS::Lambda::EventInvokeConfig`); event source mappings have their own
#     on-failure destinations.
#     ```ts
#     new lambda.Function(this, 'ProcessPaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#       deadLetterQueue: new sqs.Queue(this, 'ProcessPaymentDlq', {
#         encryption: sqs.QueueEncryption.KMS,
#         encryptionMasterKey: key,
#       }),
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_116]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.dead_letter_queue

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, fn in aws_web.lambda_functions
	aws_web.may_be_absent(aws_web.function_property(fn, dlq_path(fn)))
	not on_failure_destination(id, fn)
	result := {
		"msg": sprintf("Lambda function %s has no dead-letter queue or on-failure destination: failed asynchronous events are dropped", [id]),
		"resource": id,
		"path": array.concat(["Properties"], array.slice(dlq_path(fn), 0, 1)),
	}
}

dlq_path(fn) := ["DeadLetterQueue", "TargetArn"] if aws_web.sam(fn)

dlq_path(fn) := ["DeadLetterConfig", "TargetArn"] if not aws_web.sam(fn)

on_failure_destination(id, _) if {
	some config in cfn.resources("AWS::Lambda::EventInvokeConfig")
	aws_web.designates_function(cfn.property(config, ["FunctionName"], null), id)
	cfn.property(config, ["DestinationConfig", "OnFailure", "Destination"], null) != null
}

on_failure_destination(_, fn) if {
	aws_web.sam(fn)
	aws_web.function_property(fn, ["EventInvokeConfig", "DestinationConfig", "OnFailure"]) != null
}
