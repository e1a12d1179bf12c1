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
#   remediation: >-
#     Set `BackupRetentionPeriod` to 7 or more (up to 35) on the DB cluster
#     or stand-alone DB instance (CDK: `backupRetention: Duration.days(14)` or
#     `backup: {retention: Duration.days(14)}` for clusters).
#   frameworks:
#     nist-800-53: [CP-9, CP-10]
#   aliases:
#     cdk_nag: [AwsSolutions-RDS13]
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
