# METADATA
# title: S3 buckets do not switch off Block Public Access
# description: >-
#   S3 Block Public Access is the guard rail that stops a bucket policy or
#   ACL from making data public by mistake. A template that sets any of the
#   four settings to false (or lists the configuration and leaves one out,
#   which CloudFormation treats as false) lets a later public grant take
#   effect. Buckets without the property keep the S3 default (all four on
#   for buckets created since April 2023) and are not reported.
# custom:
#   id: S3.002
#   severity: high
#   remediation: >-
#     Set all four of BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and
#     RestrictPublicBuckets to true in PublicAccessBlockConfiguration (CDK:
#     `blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL`). Serve public
#     content through CloudFront with origin access control instead.
#   frameworks:
#     nist-800-53: [AC-3, AC-21, SC-7]
#   aliases:
#     checkov: [CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56]
#     cdk_nag: [AwsSolutions-S2]
package regent.aws.s3.bucket_public_access_block

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

settings := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	pab := r.Properties.PublicAccessBlockConfiguration
	off := [s | some s in settings; not aws_iam.is_true(object.get(pab, s, false))]
	count(off) > 0
	result := {
		"msg": sprintf("%s: S3 Block Public Access is off for %s; expected all four settings true", [id, concat(", ", off)]),
		"resource": id,
		"path": path(off),
	}
}

path(off) := ["Properties", "PublicAccessBlockConfiguration", off[0]] if {
	count(off) == 1
} else := ["Properties", "PublicAccessBlockConfiguration"]
