package regent.aws.cloudtrail.cloudwatch_logs_test

import rego.v1

import data.regent.aws.cloudtrail.cloudwatch_logs
import data.regent.cfn

tpl(resources) := {"Resources": resources}

trail(props) := {"Type": "AWS::CloudTrail::Trail", "Properties": object.union({"IsLogging": true, "S3BucketName": "trail-logs"}, props)}

delivery := {"CloudWatchLogsLogGroupArn": {"Fn::GetAtt": ["Logs", "Arn"]}, "CloudWatchLogsRoleArn": {"Fn::GetAtt": ["Role", "Arn"]}}

test_trail_without_cloudwatch_logs_is_denied if {
	some r in cloudwatch_logs.deny with input as tpl({"T": trail({})})
	r.resource == "T"
	r.path == ["Properties"]
	contains(r.msg, "CloudWatchLogsLogGroupArn, CloudWatchLogsRoleArn")
}

test_trail_with_log_group_and_role_passes if {
	count(cloudwatch_logs.deny) == 0 with input as tpl({"T": trail(delivery)})
}

test_missing_role_is_named if {
	some r in cloudwatch_logs.deny with input as tpl({"T": trail({"CloudWatchLogsLogGroupArn": "arn:aws:logs:eu-west-2:111122223333:log-group:trail:*"})})
	contains(r.msg, "(no CloudWatchLogsRoleArn)")
}

test_empty_log_group_is_denied if {
	some r in cloudwatch_logs.deny with input as tpl({"T": trail({"CloudWatchLogsLogGroupArn": "", "CloudWatchLogsRoleArn": "arn:aws:iam::111122223333:role/trail"})})
	r.resource == "T"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"T": trail({
		"CloudWatchLogsLogGroupArn": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Logs", "Arn"]}, {"Ref": "AWS::NoValue"}]},
		"CloudWatchLogsRoleArn": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Role", "Arn"]}, {"Ref": "AWS::NoValue"}]},
	})},
}

test_branch_without_delivery_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in cloudwatch_logs.deny with input as v.template
	r.resource == "T"
}

test_branch_with_delivery_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(cloudwatch_logs.deny) == 0 with input as v.template
}

test_parameter_default_empty_log_group_is_denied if {
	t := {
		"Parameters": {"LogGroupArn": {"Type": "String", "Default": ""}},
		"Resources": {"T": trail({"CloudWatchLogsLogGroupArn": {"Ref": "LogGroupArn"}, "CloudWatchLogsRoleArn": {"Fn::GetAtt": ["Role", "Arn"]}})},
	}
	some v in cfn.variants(t)
	some r in cloudwatch_logs.deny with input as v.template
	r.resource == "T"
}

test_cdk_trail_with_cloudwatch_logs_passes if {
	count(cloudwatch_logs.deny) == 0 with input as tpl({"Trail022F0CF2": {
		"Type": "AWS::CloudTrail::Trail",
		"Properties": {
			"IsLogging": true,
			"S3BucketName": {"Ref": "TrailBucketA831CE63"},
			"CloudWatchLogsLogGroupArn": {"Fn::GetAtt": ["TrailLogGroup343A29D6", "Arn"]},
			"CloudWatchLogsRoleArn": {"Fn::GetAtt": ["TrailLogsRole9F6C1A45", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "app/Trail/Resource"},
	}})
}
