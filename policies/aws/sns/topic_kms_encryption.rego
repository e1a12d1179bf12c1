# METADATA
# title: SNS topics are encrypted with a customer-managed KMS key
# description: >-
#   Messages of a topic without `KmsMasterKeyId` are stored unencrypted;
#   with the AWS-managed alias/aws/sns key, publishers from other accounts or
#   services cannot be granted use of the key and access cannot be narrowed
#   by key policy. Topics often carry business events and alarms that
#   reveal data.
# custom:
#   id: SNS.001
#   severity: medium
#   resource_types: [AWS::SNS::Topic]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `KmsMasterKeyId` to a customer-managed key and grant the publishing
#     services kms:GenerateDataKey* and kms:Decrypt in its key policy.
#     ```ts
#     new sns.Topic(this, 'Events', {
#       masterKey: topicKey,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_26]
#     cdk_nag: [AwsSolutions-SNS2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.sns.topic_kms_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::SNS::Topic")
	key := cfn.property(r, ["KmsMasterKeyId"], null)
	not aws_iam.customer_managed_key(key)
	result := {
		"msg": sprintf("%s: SNS topic %s; expected KmsMasterKeyId of a customer-managed KMS key", [id, what(key)]),
		"resource": id,
		"path": path(key),
	}
}

what(key) := "is not encrypted at rest" if {
	key == null
} else := "uses the AWS-managed alias/aws/sns key"

path(key) := ["Properties"] if {
	key == null
} else := ["Properties", "KmsMasterKeyId"]
