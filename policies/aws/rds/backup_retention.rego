# METADATA
# title: RDS databases keep automated backups for at least 7 days
# description: >-
#   `BackupRetentionPeriod: 0` switches automated backups and point-in-time
#   restore off; the default and small values (1 day) leave too short a
#   window to notice corruption, a bad migration or ransomware before the
#   last good restore point expires. Read replicas and Aurora cluster
#   members are not checked (the source or cluster holds the backups).
# custom:
#   id: RDS.005
#   severity: medium
#   resource_types: [AWS::RDS::DBCluster, AWS::RDS::DBInstance]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, CP-10]
#     soc2: [A1.2]
#   remediation: |-
#     Set `BackupRetentionPeriod` to 7 or more (up to 35) on the DB cluster or stand-alone DB instance.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', { engine, vpc, backupRetention: Duration.days(14) });
#     new rds.DatabaseCluster(this, 'Ledger', { engine, writer, vpc, backup: { retention: Duration.days(14) } });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-RDS13]
#     control_tower: [CT.RDS.PR.8]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.backup_retention

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

minimum_days := 7

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBCluster")
	result := check(id, "DB cluster", r)
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	not r.Properties.SourceDBInstanceIdentifier
	not r.Properties.SourceDBClusterIdentifier
	result := check(id, "DB instance", r)
}

check(id, kind, r) := {
	"msg": sprintf("%s: RDS %s keeps automated backups for %s; expected BackupRetentionPeriod of at least %d days", [id, kind, describe(days), minimum_days]),
	"resource": id,
	"path": path(r),
} if {
	days := retention(r)
	days < minimum_days
}

# The retention in days; CloudFormation's default is 1.
retention(r) := aws_iam.as_number(r.Properties.BackupRetentionPeriod) if {
	r.Properties.BackupRetentionPeriod
} else := 1

describe(0) := "0 days (automated backups off)"

describe(days) := sprintf("only %v day(s)", [days]) if days != 0

path(r) := ["Properties", "BackupRetentionPeriod"] if {
	"BackupRetentionPeriod" in object.keys(r.Properties)
} else := ["Properties"]
