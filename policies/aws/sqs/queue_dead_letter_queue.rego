# METADATA
# title: SQS queues have a dead-letter queue
# description: >-
#   Without a redrive policy a poison message is retried until it expires:
#   it blocks FIFO groups, burns consumer capacity, and is silently lost at
#   the end of the retention period, so failed transactions leave no trace to
#   investigate. Queues that are themselves dead-letter targets (of another
#   queue, a Lambda function, an SNS subscription, an EventBridge target...)
#   are not required to have one.
# custom:
#   id: SQS.002
#   severity: low
#   resource_types: [AWS::SQS::Queue]
#   threats: [T12]
#   mitigations: [M12]
#   frameworks:
#     nist-800-53: [SC-5, CP-10]
#   remediation: |-
#     Set `RedrivePolicy: {deadLetterTargetArn: <DLQ ARN>, maxReceiveCount:
#     n}` and alarm on the depth of the dead-letter queue.
#     ```ts
#     new sqs.Queue(this, 'Queue', {
#       deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-SQS3]
#     control_tower: [CT.SQS.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.sqs.queue_dead_letter_queue

import rego.v1

import data.regent.cfn

# Another resource refers to the queue under a dead-letter / redrive /
# on-failure key.
dead_letter_target(id) if {
	some other, r in input.Resources
	other != id
	walk(r, [path, v])
	cfn.references(v, id)
	some key in path
	is_string(key)
	regex.match(`(?i)(deadletter|redrive|onfailure)`, key)
}

deny contains result if {
	some id, r in cfn.resources("AWS::SQS::Queue")
	not r.Properties.RedrivePolicy
	not dead_letter_target(id)
	result := {
		"msg": sprintf("%s: SQS queue has no dead-letter queue; expected a RedrivePolicy with deadLetterTargetArn and maxReceiveCount", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}
