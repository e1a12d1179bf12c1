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
#   remediation: >-
#     Set `KmsMasterKeyId` to a customer-managed key and grant publishing
#     services kms:GenerateDataKey*/kms:Decrypt in its key policy (CDK:
#     `masterKey: key` on `sns.Topic`).
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#   aliases:
#     checkov: [CKV_AWS_26]
#     cdk_nag: [AwsSolutions-SNS2]
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
