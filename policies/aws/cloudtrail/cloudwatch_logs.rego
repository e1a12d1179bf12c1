# METADATA
# title: CloudTrail trails deliver events to CloudWatch Logs
# description: >-
#   A trail that only writes to S3 delivers events in batches and cannot
#   drive metric filters or alarms, so root logins, IAM policy changes,
#   CloudTrail being stopped or security groups being opened go unnoticed
#   until someone searches the bucket (CIS AWS Foundations section 4).
# custom:
#   id: CLOUDTRAIL.003
#   severity: medium
#   resource_types: [AWS::CloudTrail::Trail]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-6, SI-4, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.4.1.1"]
#   remediation: |-
#     Set `CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn`, then add
#     metric filters and alarms on the log group.
#     ```ts
#     new cloudtrail.Trail(this, 'Trail', {
#       isMultiRegionTrail: true,
#       includeGlobalServiceEvents: true,
#       enableFileValidation: true,
#       encryptionKey: trailKey,
#       sendToCloudWatchLogs: true,
#     });
#     ```
#   aliases:
#     control_tower: [CT.CLOUDTRAIL.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudtrail.cloudwatch_logs

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CloudTrail::Trail")
	missing := [p | some p in ["CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn"]; not configured(object.get(r, ["Properties", p], null))]
	count(missing) > 0
	result := {
		"msg": sprintf("%s: CloudTrail trail does not deliver to CloudWatch Logs (no %s); expected CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn", [id, concat(", ", missing)]),
		"resource": id,
		"path": ["Properties"],
	}
}

# Set to something other than null or an empty string.
configured(v) if not v in {null, ""}
