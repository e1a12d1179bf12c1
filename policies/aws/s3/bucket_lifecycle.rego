# METADATA
# title: S3 buckets have lifecycle rules
# description: >-
#   Without lifecycle rules objects and noncurrent versions are kept forever:
#   data outlives its retention period (a privacy and breach-impact
#   problem), and versioned buckets grow without bound. Advisory.
# custom:
#   id: S3.007
#   severity: low
#   resource_types: [AWS::S3::Bucket]
#   threats: [T01, T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [SI-12]
#     soc2: [C1.2]
#     pci-dss-4.0: ["3.2.1"]
#   remediation: |-
#     Add enabled lifecycle rules that expire or transition objects and noncurrent versions and abort incomplete multipart uploads.
#     ```ts
#     new s3.Bucket(this, 'Data', {
#       lifecycleRules: [{
#         expiration: Duration.days(365),
#         noncurrentVersionExpiration: Duration.days(90),
#         abortIncompleteMultipartUploadAfter: Duration.days(7),
#       }],
#     });
#     ```
#   aliases:
#     control_tower: [CT.S3.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_lifecycle

import rego.v1

import data.regent.cfn

warn contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	not enabled_rule(r)
	result := {
		"msg": sprintf("%s: S3 bucket has no enabled lifecycle rule, so objects and old versions are kept forever; expected LifecycleConfiguration.Rules with Status: Enabled", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}

enabled_rule(r) if {
	some rule in r.Properties.LifecycleConfiguration.Rules
	rule.Status == "Enabled"
}
