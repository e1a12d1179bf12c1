# METADATA
# title: CloudTrail trails validate their log files
# description: >-
#   Without log file integrity validation CloudTrail writes no signed digest
#   files, so an attacker with access to the trail bucket can delete or edit
#   log files to hide their actions and nobody can prove the logs are
#   complete and unmodified.
# custom:
#   id: CLOUDTRAIL.001
#   severity: medium
#   remediation: >-
#     Set `EnableLogFileValidation: true` (CDK: `enableFileValidation: true`,
#     the default of `cloudtrail.Trail`).
#   frameworks:
#     nist-800-53: [AU-9, SI-7]
#   aliases:
#     checkov: [CKV_AWS_36]
package regent.aws.cloudtrail.log_file_validation

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CloudTrail::Trail")
	not aws_iam.is_true(cfn.property(r, ["EnableLogFileValidation"], false))
	result := {
		"msg": sprintf("%s: CloudTrail trail does not validate log file integrity; expected EnableLogFileValidation: true", [id]),
		"resource": id,
		"path": path(r),
	}
}

path(r) := ["Properties", "EnableLogFileValidation"] if {
	"EnableLogFileValidation" in object.keys(r.Properties)
} else := ["Properties"]
