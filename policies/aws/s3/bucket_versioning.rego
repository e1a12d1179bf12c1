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
#   remediation: >-
#     Set `VersioningConfiguration: {Status: Enabled}` (CDK: `versioned: true`)
#     and expire noncurrent versions with a lifecycle rule.
#   frameworks:
#     nist-800-53: [CP-9, SI-12]
#   aliases:
#     checkov: [CKV_AWS_21]
package regent.aws.s3.bucket_versioning

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	status := cfn.property(r, ["VersioningConfiguration", "Status"], "")
	status != "Enabled"
	result := {
		"msg": sprintf("%s: S3 bucket versioning is %s; expected VersioningConfiguration.Status: Enabled", [id, describe(status)]),
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
