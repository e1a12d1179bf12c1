# METADATA
# title: SQS queues are encrypted with a customer-managed KMS key
# description: >-
#   A queue with `SqsManagedSseEnabled: false` and no key stores messages in
#   plain text; SSE-SQS (the default) and the AWS-managed alias/aws/sqs key
#   encrypt them, but the key cannot be restricted, shared with producers in
#   other accounts, audited per principal or revoked. Queues often carry
#   payment or customer payloads.
# custom:
#   id: SQS.001
#   severity: medium
#   resource_types: [AWS::SQS::Queue]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `KmsMasterKeyId` to a customer-managed key, and
#     `KmsDataKeyReusePeriodSeconds` to bound KMS calls.
#     ```ts
#     new sqs.Queue(this, 'Queue', {
#       encryption: sqs.QueueEncryption.KMS,
#       encryptionMasterKey: queueKey,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_27]
#     cdk_nag: [AwsSolutions-SQS2]
#     control_tower: [CT.SQS.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.sqs.queue_kms_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::SQS::Queue")
	key := cfn.property(r, ["KmsMasterKeyId"], null)
	not aws_iam.customer_managed_key(key)
	[what, path] := finding(r, key)
	result := {
		"msg": sprintf("%s: SQS queue %s; expected KmsMasterKeyId of a customer-managed KMS key", [id, what]),
		"resource": id,
		"path": path,
	}
}

finding(r, key) := ["uses the AWS-managed alias/aws/sqs key", ["Properties", "KmsMasterKeyId"]] if {
	key != null
} else := ["is not encrypted at rest (SqsManagedSseEnabled: false, no KmsMasterKeyId)", ["Properties", "SqsManagedSseEnabled"]] if {
	aws_iam.is_false(r.Properties.SqsManagedSseEnabled)
} else := ["uses SQS-owned keys (SSE-SQS) only", ["Properties"]]
