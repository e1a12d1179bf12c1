package regent.aws.s3.bucket_access_logging_test

import rego.v1

import data.regent.aws.s3.bucket_access_logging
import data.regent.cfn

tpl(resources) := {"Resources": resources}

logged(target) := {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"DestinationBucketName": target, "LogFilePrefix": "data/"}}}

test_bucket_without_logging_is_denied if {
	some r in bucket_access_logging.deny with input as tpl({"B": {"Type": "AWS::S3::Bucket", "Properties": {}}})
	r.resource == "B"
	r.path == ["Properties"]
	contains(r.msg, "no server access logging")
	contains(r.msg, "DestinationBucketName")
}

test_logged_bucket_passes_and_log_bucket_is_exempt if {
	count(bucket_access_logging.deny) == 0 with input as tpl({
		"Data": logged({"Ref": "Logs"}),
		"Logs": {"Type": "AWS::S3::Bucket", "Properties": {}},
	})
}

test_cloudfront_log_bucket_is_exempt if {
	count(bucket_access_logging.deny) == 0 with input as tpl({
		"CfLogs": {"Type": "AWS::S3::Bucket"},
		"Dist": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Logging": {"Bucket": {"Fn::GetAtt": ["CfLogs", "RegionalDomainName"]}}}}},
	})
}

test_alb_log_bucket_is_exempt if {
	count(bucket_access_logging.deny) == 0 with input as tpl({
		"AlbLogs": {"Type": "AWS::S3::Bucket"},
		"Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"LoadBalancerAttributes": [
			{"Key": "access_logs.s3.enabled", "Value": "true"},
			{"Key": "access_logs.s3.bucket", "Value": {"Ref": "AlbLogs"}},
		]}},
	})
}

test_bucket_logging_to_itself_is_not_a_log_destination if {
	some r in bucket_access_logging.deny with input as tpl({
		"Other": {"Type": "AWS::S3::Bucket"},
		"Data": logged({"Ref": "Data"}),
	})
	r.resource == "Other"
}

test_cdk_logged_bucket_passes if {
	count(bucket_access_logging.deny) == 0 with input as tpl({
		"AccessLogsBucket83982689": {"Type": "AWS::S3::Bucket", "Metadata": {"aws:cdk:path": "stack/AccessLogs/Resource"}},
		"LedgerBucket136870B6": {
			"Type": "AWS::S3::Bucket",
			"Properties": {"LoggingConfiguration": {"DestinationBucketName": {"Ref": "AccessLogsBucket83982689"}, "LogFilePrefix": "ledger/"}},
			"Metadata": {"aws:cdk:path": "stack/LedgerBucket/Resource"},
		},
	})
}

test_logging_in_one_if_branch_only_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {
			"Logs": {"Type": "AWS::S3::Bucket"},
			"Data": {"Type": "AWS::S3::Bucket", "Properties": {"LoggingConfiguration": {"Fn::If": ["IsProd", {"DestinationBucketName": {"Ref": "Logs"}}, {"Ref": "AWS::NoValue"}]}}},
		},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in bucket_access_logging.deny with input as v.template
	r.resource == "Data"
}

test_log_bucket_named_by_parameter_default if {
	t := {
		"Parameters": {"LogBucket": {"Type": "String", "Default": "central-access-logs"}},
		"Resources": {"Data": logged({"Ref": "LogBucket"})},
	}
	some v in cfn.variants(t)
	count(bucket_access_logging.deny) == 0 with input as v.template
}
