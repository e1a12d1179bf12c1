# METADATA
# title: CloudWatch Logs log groups should keep logs for at least a year
# description: >-
#   Intrusions are often discovered weeks or months after they begin.  A log
#   group that expires events after a few days destroys the evidence needed
#   to scope an incident and breaks audit-retention requirements (commonly
#   one year, e.g. PCI DSS 10.5.1).  A log group without RetentionInDays
#   keeps events forever and is not reported.
# custom:
#   id: LOGS.002
#   severity: low
#   resource_types: [AWS::Logs::LogGroup]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-11, AU-9]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.5.1"]
#   remediation: |-
#     Set `RetentionInDays` to 365 or more (or remove it to keep logs indefinitely); archive to S3 for longer retention at lower cost.
#     ```ts
#     new logs.LogGroup(this, 'AppLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key });
#     ```
#   aliases:
#     control_tower: [CT.CLOUDWATCH.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.logs.log_group_retention

import rego.v1

import data.regent.aws_web
import data.regent.cfn

minimum_days := 365

deny contains result if {
	some id, group in cfn.resources("AWS::Logs::LogGroup")
	some days in aws_web.values(cfn.property(group, ["RetentionInDays"], null))
	n := number(days)
	n < minimum_days
	result := {
		"msg": sprintf("Log group %s keeps log events for only %v days (at least %d required)", [id, n, minimum_days]),
		"resource": id,
		"path": ["Properties", "RetentionInDays"],
	}
}

number(x) := x if is_number(x)

number(x) := to_number(x) if {
	is_string(x)
	regex.match(`^[0-9]+$`, x)
}
