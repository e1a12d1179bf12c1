# METADATA
# title: S3 buckets have versioning enabled
# description: >-
#   Without versioning an overwrite or delete, accidental, malicious or by
#   ransomware, destroys the only copy of an object. Versioning keeps prior
#   versions recoverable and is a prerequisite for Object Lock and
#   replication.
# custom:
#   id: S3.003
#   severity: medium
#   resource_types: [AWS::S3::Bucket]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, SI-12]
#     soc2: [A1.2]
#   remediation: |-
#     Set `VersioningConfiguration.Status: Enabled` and expire noncurrent versions with a lifecycle rule.
#     ```ts
#     new s3.Bucket(this, 'Data', {
#       versioned: true,
#       lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_21]
#     control_tower: [CT.S3.PR.11]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_versioning

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	status := cfn.property(r, ["VersioningConfiguration", "Status"], "")
	status != "Enabled"
	result := {
		"msg": sprintf("%s: S3 bucket versioning is %s, so an overwrite or delete destroys the only copy of an object; set VersioningConfiguration.Status: Enabled", [id, describe(status)]),
		"resource": id,
		"path": path(r),
	}
}

describe(status) := "not configured" if {
	status == ""
} else := sprintf("%v", [status])

path(r) := ["Properties", "VersioningConfiguration", "Status"] if {
	r.Properties.VersioningConfiguration.Status
} else := ["Properties"]
