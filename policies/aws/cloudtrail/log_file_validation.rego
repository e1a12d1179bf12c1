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
#   resource_types: [AWS::CloudTrail::Trail]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-9, SI-7]
#     soc2: [CC7.2]
#     cis-aws: ["3.2"]
#     pci-dss-4.0: ["10.3.2", "10.3.4"]
#   remediation: |-
#     Set `EnableLogFileValidation: true` on the trail (the default of the CDK
#     `cloudtrail.Trail`).
#     ```ts
#     new cloudtrail.Trail(this, 'Trail', {
#       isMultiRegionTrail: true,
#       includeGlobalServiceEvents: true,
#       enableFileValidation: true,
#       encryptionKey: trailKey,
#       sendToCloudWatchLogs: true,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_36]
#     control_tower: [CT.CLOUDTRAIL.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
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
	"EnableLogFileValidation" in object.keys(object.get(r, "Properties", {}))
} else := ["Properties"]
