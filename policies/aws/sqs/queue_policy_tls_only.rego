# METADATA
# title: SQS queue policies deny requests that do not use TLS
# description: >-
#   SQS accepts plain-HTTP API calls unless the queue policy denies them, so
#   message bodies (often payment or customer payloads) and signed requests
#   can cross the network in clear text. The standard control is a Deny
#   statement on `aws:SecureTransport: false`. Queues with no queue policy at
#   all are reported on the queue.
# custom:
#   id: SQS.003
#   severity: medium
#   resource_types: [AWS::SQS::Queue, AWS::SQS::QueuePolicy]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1)]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Add an `AWS::SQS::QueuePolicy` with `{"Effect": "Deny", "Principal":
#     "*", "Action": "sqs:*", "Resource": <queue ARN>, "Condition": {"Bool":
#     {"aws:SecureTransport": "false"}}}`.
#     ```ts
#     new sqs.Queue(this, 'Queue', {
#       enforceSSL: true,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-SQS4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.sqs.queue_policy_tls_only

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

policies_of(queue) := {pid |
	some pid, p in cfn.resources("AWS::SQS::QueuePolicy")
	some q in cfn.as_array(p.Properties.Queues)
	cfn.references(q, queue)
}

deny contains result if {
	some id, p in cfn.resources("AWS::SQS::QueuePolicy")
	not aws_iam.denies_insecure_transport(p.Properties.PolicyDocument)
	result := {
		"msg": sprintf("%s: queue policy does not deny requests without TLS; expected a Deny statement with condition aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties", "PolicyDocument"],
	}
}

deny contains result if {
	some id, _ in cfn.resources("AWS::SQS::Queue")
	count(policies_of(id)) == 0
	result := {
		"msg": sprintf("%s: SQS queue has no queue policy, so requests without TLS are allowed; expected a policy denying aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}
