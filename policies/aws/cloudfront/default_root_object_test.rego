package regent.aws.cloudfront.default_root_object_test

import rego.v1

import data.regent.aws.cloudfront.default_root_object
import data.regent.cfn

s3_origin := {"Id": "site", "DomainName": {"Fn::GetAtt": ["SiteBucket", "RegionalDomainName"]}, "S3OriginConfig": {"OriginAccessIdentity": ""}}

custom_origin := {"Id": "app", "DomainName": "app.example.com", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}}

dist(config) := {"Resources": {"D": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": object.union({"Enabled": true}, config)}}}}

test_s3_origin_without_root_object_is_denied if {
	some r in default_root_object.deny with input as dist({"Origins": [s3_origin]})
	r.resource == "D"
	r.path == ["Properties", "DistributionConfig"]
	contains(r.msg, "expected DefaultRootObject")
}

test_root_object_passes if {
	count(default_root_object.deny) == 0 with input as dist({"Origins": [s3_origin], "DefaultRootObject": "index.html"})
}

test_empty_root_object_is_denied if {
	count(default_root_object.deny) == 1 with input as dist({"Origins": [s3_origin], "DefaultRootObject": ""})
}

test_custom_origin_only_passes if {
	count(default_root_object.deny) == 0 with input as dist({"Origins": [custom_origin]})
}

test_s3_domain_name_literal_counts_as_s3_origin if {
	o := {"Id": "site", "DomainName": "site-bucket.s3.eu-west-2.amazonaws.com", "OriginAccessControlId": "abc"}
	count(default_root_object.deny) == 1 with input as dist({"Origins": [o]})
}

test_missing_distribution_config_is_ignored if {
	count(default_root_object.deny) == 0 with input as {"Resources": {"D": {"Type": "AWS::CloudFront::Distribution"}}}
}

test_root_object_in_one_branch_only if {
	t := {
		"Parameters": {"Stage": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Stage"}, "prod"]}},
		"Resources": dist({"Origins": [s3_origin], "DefaultRootObject": {"Fn::If": ["IsProd", "index.html", {"Ref": "AWS::NoValue"}]}}).Resources,
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	count(default_root_object.deny) == 1 with input as v.template
}

test_website_endpoint_of_template_bucket_counts if {
	o := {"Id": "site", "DomainName": {"Fn::Select": [2, {"Fn::Split": ["/", {"Fn::GetAtt": ["Site", "WebsiteURL"]}]}]}, "CustomOriginConfig": {"OriginProtocolPolicy": "http-only"}}
	t := {"Resources": {
		"Site": {"Type": "AWS::S3::Bucket"},
		"D": {"Type": "AWS::CloudFront::Distribution", "Properties": {"DistributionConfig": {"Origins": [o]}}},
	}}
	count(default_root_object.deny) == 1 with input as t
}
