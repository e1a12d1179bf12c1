package regent.aws.s3.bucket_policy_public_test

import rego.v1

import data.regent.aws.s3.bucket_policy_public
import data.regent.cfn

policy(statements) := {"Resources": {
	"B": {"Type": "AWS::S3::Bucket"},
	"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": {"Ref": "B"}, "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}},
}}

public_read := {"Sid": "PublicRead", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/*"]]}}

test_public_read_is_denied if {
	some r in bucket_policy_public.deny with input as policy([public_read])
	r.resource == "BPolicy"
	r.path == ["Properties", "PolicyDocument", "Statement", 0]
	contains(r.msg, "\"PublicRead\"")
	contains(r.msg, "s3:GetObject")
	contains(r.msg, "anyone")
}

test_string_star_principal_is_denied if {
	s := object.union(public_read, {"Principal": "*"})
	some r in bucket_policy_public.deny with input as policy([s])
	r.resource == "BPolicy"
}

test_star_in_principal_list_is_denied if {
	s := object.union(public_read, {"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]}})
	some r in bucket_policy_public.deny with input as policy([s])
	r.resource == "BPolicy"
}

test_restricting_condition_passes if {
	s := object.union(public_read, {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}})
	count(bucket_policy_public.deny) == 0 with input as policy([s])
}

test_cloudfront_oac_statement_passes if {
	s := {
		"Effect": "Allow",
		"Principal": {"Service": "cloudfront.amazonaws.com"},
		"Action": "s3:GetObject",
		"Resource": {"Fn::Join": ["", [{"Fn::GetAtt": ["B", "Arn"]}, "/*"]]},
		"Condition": {"StringEquals": {"AWS:SourceArn": {"Fn::Join": ["", ["arn:aws:cloudfront::", {"Ref": "AWS::AccountId"}, ":distribution/", {"Ref": "Dist"}]]}}},
	}
	count(bucket_policy_public.deny) == 0 with input as policy([s])
}

test_deny_with_star_principal_passes if {
	s := {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
	count(bucket_policy_public.deny) == 0 with input as policy([s])
}

test_unrelated_condition_does_not_restrict if {
	s := object.union(public_read, {"Condition": {"StringLike": {"aws:Referer": "https://example.com/*"}}})
	some r in bucket_policy_public.deny with input as policy([s])
	r.resource == "BPolicy"
}

test_single_statement_object_is_checked if {
	t := {"Resources": {"P": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "b", "PolicyDocument": {"Statement": public_read}}}}}
	some r in bucket_policy_public.deny with input as t
	r.path == ["Properties", "PolicyDocument", "Statement"]
}

test_public_if_branch_is_denied if {
	t := {
		"Parameters": {"Public": {"Type": "String", "AllowedValues": ["yes", "no"]}},
		"Conditions": {"IsPublic": {"Fn::Equals": [{"Ref": "Public"}, "yes"]}},
		"Resources": {"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "b", "PolicyDocument": {"Statement": [{"Fn::If": ["IsPublic", public_read, {"Ref": "AWS::NoValue"}]}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsPublic == true
	some r in bucket_policy_public.deny with input as v.template
	r.resource == "BPolicy"
}

test_principal_from_parameter_default_is_denied if {
	t := {
		"Parameters": {"Reader": {"Type": "String", "Default": "*"}},
		"Resources": {"BPolicy": {"Type": "AWS::S3::BucketPolicy", "Properties": {"Bucket": "b", "PolicyDocument": {"Statement": [object.union(public_read, {"Principal": {"AWS": {"Ref": "Reader"}}})]}}}},
	}
	some v in cfn.variants(t)
	some r in bucket_policy_public.deny with input as v.template
	r.resource == "BPolicy"
}
