# METADATA
# title: DynamoDB tables are encrypted with a customer-managed KMS key
# description: >-
#   Without SSESpecification a table uses an AWS-owned key; with SSEEnabled:
#   true and no KMSMasterKeyId, the AWS-managed aws/dynamodb key. Neither
#   can be restricted, audited per principal or revoked through a key
#   policy, so anyone with dynamodb read permissions reads the data. Global
#   tables need SSEType: KMS and a customer-managed key per replica.
# custom:
#   id: DYNAMODB.001
#   severity: medium
#   resource_types: [AWS::DynamoDB::Table, AWS::DynamoDB::GlobalTable]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `SSESpecification: {SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: <key ARN>}` (global tables: `SSEType: KMS` and a `KMSMasterKeyId` per replica).
#     ```ts
#     new dynamodb.Table(this, 'Payments', {
#       partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
#       encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
#       encryptionKey: key,
#     });
#     ```
#   aliases:
#     cfn_nag: [W74]
#     checkov: [CKV_AWS_119]
#     control_tower: [CT.DYNAMODB.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
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

# Global tables: KMS encryption is switched on for the table, the key is
# chosen per replica.
deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::GlobalTable")
	not kms_global_table(r)
	result := {
		"msg": sprintf("%s: DynamoDB global table uses an AWS-owned key (SSESpecification.SSEType is not KMS); expected SSEEnabled: true, SSEType: KMS and a customer-managed key per replica", [id]),
		"resource": id,
		"path": global_path(r),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::GlobalTable")
	kms_global_table(r)
	some i, replica in cfn.property(r, ["Replicas"], [])
	not aws_iam.customer_managed_key(object.get(replica, ["SSESpecification", "KMSMasterKeyId"], null))
	result := {
		"msg": sprintf("%s: DynamoDB global table replica %v uses the AWS-managed aws/dynamodb key; expected a customer-managed SSESpecification.KMSMasterKeyId on the replica", [id, object.get(replica, "Region", i)]),
		"resource": id,
		"path": ["Properties", "Replicas", i],
	}
}

kms_global_table(r) if {
	sse := r.Properties.SSESpecification
	aws_iam.is_true(sse.SSEEnabled)
	is_string(sse.SSEType)
	upper(sse.SSEType) == "KMS"
}

global_path(r) := ["Properties", "SSESpecification"] if {
	r.Properties.SSESpecification
} else := ["Properties"]

finding(r) := ["uses an AWS-owned key (no SSESpecification)", ["Properties"]] if {
	not r.Properties.SSESpecification
} else := ["uses an AWS-owned key (SSEEnabled is not true)", ["Properties", "SSESpecification"]] if {
	not aws_iam.is_true(r.Properties.SSESpecification.SSEEnabled)
} else := ["uses the AWS-managed aws/dynamodb key", ["Properties", "SSESpecification"]]
