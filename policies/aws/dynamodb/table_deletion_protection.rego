# METADATA
# title: DynamoDB tables have deletion protection enabled
# description: >-
#   Without deletion protection a single DeleteTable call (a mistaken script,
#   a stack replacement, a compromised principal) destroys the table and its
#   PITR window. Deletion protection makes deletion a deliberate two-step
#   change.
# custom:
#   id: DYNAMODB.003
#   severity: low
#   resource_types: [AWS::DynamoDB::Table, AWS::DynamoDB::GlobalTable]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, CM-3, SI-12]
#     soc2: [A1.2]
#   remediation: |-
#     Set `DeletionProtectionEnabled: true` (on every replica of a global table) and keep a retain removal policy on stateful tables.
#     ```ts
#     new dynamodb.Table(this, 'Payments', {
#       partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
#       deletionProtection: true,
#       removalPolicy: RemovalPolicy.RETAIN,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.dynamodb.table_deletion_protection

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::Table")
	not aws_iam.is_true(cfn.property(r, ["DeletionProtectionEnabled"], false))
	result := {
		"msg": sprintf("%s: DynamoDB table has no deletion protection; expected DeletionProtectionEnabled: true", [id]),
		"resource": id,
		"path": path(r),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::GlobalTable")
	some i, replica in r.Properties.Replicas
	not aws_iam.is_true(object.get(replica, "DeletionProtectionEnabled", false))
	result := {
		"msg": sprintf("%s: DynamoDB global table replica %v has no deletion protection; expected DeletionProtectionEnabled: true", [id, object.get(replica, "Region", i)]),
		"resource": id,
		"path": ["Properties", "Replicas", i],
	}
}

path(r) := ["Properties", "DeletionProtectionEnabled"] if {
	"DeletionProtectionEnabled" in object.keys(r.Properties)
} else := ["Properties"]
