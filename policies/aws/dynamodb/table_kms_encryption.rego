# METADATA
# title: DynamoDB tables are encrypted with a customer-managed KMS key
# description: >-
#   Without `SSESpecification` a table uses an AWS-owned key; with
#   `SSEEnabled: true` and no `KMSMasterKeyId` it uses the AWS-managed
#   aws/dynamodb key. Neither can be restricted, audited per principal or
#   revoked through a key policy, so anyone with dynamodb read permissions
#   reads the data and a key-based kill switch is impossible.
# custom:
#   id: DYNAMODB.001
#   severity: medium
#   remediation: >-
#     Set `SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId:
#     <key ARN>}` (CDK: `encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
#     encryptionKey: key`).
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#   aliases:
#     cfn_nag: [W74]
#     checkov: [CKV_AWS_119]
package regent.aws.dynamodb.table_kms_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

cmk_encrypted(r) if {
	sse := r.Properties.SSESpecification
	aws_iam.is_true(sse.SSEEnabled)
	aws_iam.customer_managed_key(sse.KMSMasterKeyId)
}

deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::Table")
	not cmk_encrypted(r)
	[what, path] := finding(r)
	result := {
		"msg": sprintf("%s: DynamoDB table %s; expected SSESpecification with SSEEnabled: true and a customer-managed KMSMasterKeyId", [id, what]),
		"resource": id,
		"path": path,
	}
}

# Global tables: SSE is set for the table, the key per replica.
deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::GlobalTable")
	some i, replica in r.Properties.Replicas
	not aws_iam.customer_managed_key(object.get(replica, ["SSESpecification", "KMSMasterKeyId"], null))
	result := {
		"msg": sprintf("%s: DynamoDB global table replica %v is not encrypted with a customer-managed KMS key; expected SSESpecification.SSEType: KMS and a replica KMSMasterKeyId", [id, object.get(replica, "Region", i)]),
		"resource": id,
		"path": ["Properties", "Replicas", i],
	}
}

finding(r) := ["uses an AWS-owned key (no SSESpecification)", ["Properties"]] if {
	not r.Properties.SSESpecification
} else := ["uses an AWS-owned key (SSEEnabled is not true)", ["Properties", "SSESpecification"]] if {
	not aws_iam.is_true(r.Properties.SSESpecification.SSEEnabled)
} else := ["uses the AWS-managed aws/dynamodb key", ["Properties", "SSESpecification"]]
