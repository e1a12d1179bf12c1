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
#   resource_types: [AWS::S3::Bucket]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-3, AC-21, SC-7]
#     soc2: [CC6.1, CC6.6]
#     cis-aws: ["2.1.4"]
#     pci-dss-4.0: ["1.4.4"]
#   remediation: |-
#     Set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true; serve public content through CloudFront with origin access control instead.
#     ```ts
#     new s3.Bucket(this, 'Data', {
#       blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56]
#     cdk_nag: [AwsSolutions-S2]
#     control_tower: [CT.S3.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_public_access_block

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

settings := ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]

# The settings that are not on (a configuration that is not a mapping turns
# none of them on).
off_settings(pab) := [s | some s in settings; not aws_iam.is_true(object.get(pab, s, false))] if {
	is_object(pab)
} else := settings

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	pab := r.Properties.PublicAccessBlockConfiguration
	off := off_settings(pab)
	count(off) > 0
	result := {
		"msg": sprintf("%s: S3 Block Public Access is off for %s, so a bucket policy or ACL can make the bucket's data public; set BlockPublicAcls, BlockPublicPolicy, IgnorePublicAcls and RestrictPublicBuckets to true", [id, concat(", ", off)]),
		"resource": id,
		"path": path(off),
	}
}

path(off) := ["Properties", "PublicAccessBlockConfiguration", off[0]] if {
	count(off) == 1
} else := ["Properties", "PublicAccessBlockConfiguration"]
