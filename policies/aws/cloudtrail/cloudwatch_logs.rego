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
#   remediation: >-
#     Set `CloudWatchLogsLogGroupArn` and `CloudWatchLogsRoleArn` (CDK:
#     `sendToCloudWatchLogs: true`, `cloudWatchLogGroup`,
#     `cloudWatchLogsRetention`) and add metric filters and alarms.
#   frameworks:
#     nist-800-53: [AU-6, SI-4, AU-12]
package regent.aws.cloudtrail.cloudwatch_logs

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CloudTrail::Trail")
	missing := [p | some p in ["CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn"]; not r.Properties[p]]
	count(missing) > 0
	result := {
		"msg": sprintf("%s: CloudTrail trail does not deliver to CloudWatch Logs (no %s); expected CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn", [id, concat(", ", missing)]),
		"resource": id,
		"path": ["Properties"],
	}
}
