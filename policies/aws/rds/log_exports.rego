# METADATA
# title: RDS databases export their logs to CloudWatch Logs
# description: >-
#   Database error, audit and connection logs that stay on the instance are
#   lost with it, cannot be alarmed on, and are not available to a SIEM;
#   failed logins, privilege changes and suspicious queries go unnoticed.
# custom:
#   id: RDS.009
#   severity: medium
#   resource_types: [AWS::RDS::DBCluster, AWS::RDS::DBInstance]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-6, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Set `EnableCloudwatchLogsExports` (e.g. `[postgresql]` for PostgreSQL, `[audit, error, general, slowquery]` for MySQL) on the DB cluster or stand-alone DB instance.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', {
#       engine, vpc,
#       cloudwatchLogsExports: ['audit', 'error', 'general', 'slowquery'],
#       cloudwatchLogsRetention: logs.RetentionDays.ONE_YEAR,
#     });
#     ```
#   aliases:
#     control_tower: [CT.RDS.PR.14]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.log_exports

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBCluster")
	result := check(id, "DB cluster", r)
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	result := check(id, "DB instance", r)
}

check(id, kind, r) := {
	"msg": sprintf("%s: RDS %s exports no logs to CloudWatch Logs; expected EnableCloudwatchLogsExports with the engine's error/audit logs", [id, kind]),
	"resource": id,
	"path": ["Properties"],
} if {
	count(cfn.property(r, ["EnableCloudwatchLogsExports"], [])) == 0
}
