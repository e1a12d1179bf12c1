# METADATA
# title: DynamoDB tables have point-in-time recovery enabled
# description: >-
#   Without point-in-time recovery a bad deployment, a bug or an attacker
#   that overwrites or deletes items leaves no way back short of on-demand
#   backups someone remembered to take. PITR keeps continuous backups for up
#   to 35 days.
# custom:
#   id: DYNAMODB.002
#   severity: medium
#   resource_types: [AWS::DynamoDB::Table, AWS::DynamoDB::GlobalTable]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, CP-10]
#     soc2: [A1.2]
#   remediation: |-
#     Set `PointInTimeRecoverySpecification: {PointInTimeRecoveryEnabled: true}` on the table (on every replica of a global table).
#     ```ts
#     new dynamodb.Table(this, 'Payments', {
#       partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
#       pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
#     });
#     ```
#   aliases:
#     cfn_nag: [W78]
#     checkov: [CKV_AWS_28]
#     cdk_nag: [AwsSolutions-DDB3]
#     control_tower: [CT.DYNAMODB.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.dynamodb.table_point_in_time_recovery

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

pitr(spec) if aws_iam.is_true(spec.PointInTimeRecoveryEnabled)

deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::Table")
	not pitr(r.Properties.PointInTimeRecoverySpecification)
	result := {
		"msg": sprintf("%s: DynamoDB table has no point-in-time recovery; expected PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true", [id]),
		"resource": id,
		"path": path(r),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::DynamoDB::GlobalTable")
	some i, replica in r.Properties.Replicas
	not pitr(replica.PointInTimeRecoverySpecification)
	result := {
		"msg": sprintf("%s: DynamoDB global table replica %v has no point-in-time recovery; expected PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true", [id, object.get(replica, "Region", i)]),
		"resource": id,
		"path": ["Properties", "Replicas", i],
	}
}

path(r) := ["Properties", "PointInTimeRecoverySpecification"] if {
	r.Properties.PointInTimeRecoverySpecification
} else := ["Properties"]
