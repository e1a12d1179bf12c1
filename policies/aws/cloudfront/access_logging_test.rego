package regent.aws.cloudfront.access_logging_test

import rego.v1

import data.regent.aws.cloudfront.access_logging as logging
import data.regent.cfn

tpl(resources) := {"Resources": resources}

dist(config) := {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": config}}

logged := {"Logging": {"Bucket": {"Fn::GetAtt": ["LogsBucket", "RegionalDomainName"]}, "Prefix": "cdn/"}}

test_unlogged_distribution_is_denied if {
	some r in logging.deny with input as tpl({"D": dist({"Enabled": true})})
	r.resource == "D"
	r.path == ["Properties", "DistributionConfig"]
	contains(r.msg, "no access logging")
}

test_standard_logging_passes if {
	count(logging.deny) == 0 with input as tpl({"D": dist(logged)})
}

test_v2_logging_passes if {
	t := tpl({
		"D": dist({}),
		"Src": {"Type": "AWS::Logs::DeliverySource", "Properties": {
			"LogType": "ACCESS_LOGS",
			"ResourceArn": {"Fn::Sub": "arn:aws:cloudfront::${AWS::AccountId}:distribution/${D}"},
		}},
	})
	count(logging.deny) == 0 with input as t
}

test_delivery_source_for_another_resource_does_not_count if {
	t := tpl({
		"D": dist({}),
		"Src": {"Type": "AWS::Logs::DeliverySource", "Properties": {"ResourceArn": {"Fn::GetAtt": ["Other", "Arn"]}}},
	})
	some r in logging.deny with input as t
	r.resource == "D"
}

test_empty_or_missing_bucket_is_denied if {
	count(logging.deny) == 2 with input as tpl({"A": dist({"Logging": {"Bucket": ""}}), "B": dist({"Logging": {"Prefix": "x/"}})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"D": dist({"Logging": {"Fn::If": ["IsProd", logged.Logging, {"Ref": "AWS::NoValue"}]}})},
}

test_unlogged_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in logging.deny with input as v.template
	r.resource == "D"
}

test_logged_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(logging.deny) == 0 with input as v.template
}

test_parameter_bucket_passes if {
	t := {
		"Parameters": {"LogBucket": {"Type": "String", "Default": "logs.s3.amazonaws.com"}},
		"Resources": {"D": dist({"Logging": {"Bucket": {"Ref": "LogBucket"}}})},
	}
	some v in cfn.variants(t)
	count(logging.deny) == 0 with input as v.template
}

test_cdk_style_template_passes if {
	t := tpl({"Distribution830FAC52": {
		"Type": "AWS::CloudFront::Distribution",
		"Properties": {"DistributionConfig": {"Logging": {"Bucket": {"Fn::GetAtt": ["CloudFrontLogsBucketFE303C6F", "RegionalDomainName"]}, "Prefix": "cdn/"}}},
		"Metadata": {"aws:cdk:path": "delivery/Distribution/Resource"},
	}})
	count(logging.deny) == 0 with input as t
}
