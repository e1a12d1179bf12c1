# METADATA
# title: RDS databases have deletion protection enabled
# description: >-
#   Without deletion protection a single DeleteDBCluster/DeleteDBInstance
#   call, or a stack update that replaces the resource, destroys the
#   database; automated backups go with it unless a final snapshot is taken.
#   Aurora cluster members are protected through the cluster.
# custom:
#   id: RDS.004
#   severity: medium
#   resource_types: [AWS::RDS::DBCluster, AWS::RDS::DBInstance]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, CM-3, SI-12]
#     soc2: [A1.2]
#   remediation: |-
#     Set `DeletionProtection: true` on the DB cluster or stand-alone DB instance and keep a snapshot or retain removal policy.
#     ```ts
#     new rds.DatabaseCluster(this, 'Ledger', {
#       engine, writer, vpc,
#       deletionProtection: true,
#       removalPolicy: RemovalPolicy.SNAPSHOT,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-RDS10]
#     control_tower: [CT.RDS.PR.3, CT.RDS.PR.13]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.deletion_protection

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBCluster")
	not aws_iam.is_true(cfn.property(r, ["DeletionProtection"], false))
	result := msg(id, "DB cluster", r)
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	not aws_iam.is_true(cfn.property(r, ["DeletionProtection"], false))
	result := msg(id, "DB instance", r)
}

msg(id, kind, r) := {
	"msg": sprintf("%s: RDS %s has no deletion protection; expected DeletionProtection: true", [id, kind]),
	"resource": id,
	"path": path(r),
}

path(r) := ["Properties", "DeletionProtection"] if {
	"DeletionProtection" in object.keys(r.Properties)
} else := ["Properties"]
