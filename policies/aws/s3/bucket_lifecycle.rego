# METADATA
# title: S3 buckets have lifecycle rules
# description: >-
#   Without lifecycle rules objects and noncurrent versions are kept forever:
#   data outlives its retention period (a privacy and breach-impact
#   problem), and versioned buckets grow without bound. Advisory.
# custom:
#   id: S3.007
#   severity: low
#   remediation: >-
#     Add `LifecycleConfiguration.Rules` with `Status: Enabled` that expire
#     or transition objects and noncurrent versions and abort incomplete
#     multipart uploads (CDK: `lifecycleRules: [...]` on `s3.Bucket`).
#   frameworks:
#     nist-800-53: [SI-12]
package regent.aws.s3.bucket_lifecycle

import rego.v1

import data.regent.cfn

warn contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	not enabled_rule(r)
	result := {
		"msg": sprintf("%s: S3 bucket has no enabled lifecycle rule; expected LifecycleConfiguration.Rules with Status: Enabled", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}

enabled_rule(r) if {
	some rule in r.Properties.LifecycleConfiguration.Rules
	rule.Status == "Enabled"
}
