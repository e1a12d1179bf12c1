# METADATA
# title: CloudTrail trails cover all regions and global services
# description: >-
#   A single-region trail misses activity in every other region, where an
#   attacker can run instances or create resources unobserved; without
#   global service events, IAM, STS and CloudFront API calls are not
#   recorded at all.
# custom:
#   id: CLOUDTRAIL.004
#   severity: medium
#   resource_types: [AWS::CloudTrail::Trail]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12]
#     soc2: [CC7.2]
#     cis-aws: ["3.1"]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Set `IsMultiRegionTrail: true` and `IncludeGlobalServiceEvents: true`
#     (both defaults of the CDK `cloudtrail.Trail`).
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
#     checkov: [CKV_AWS_67]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudtrail.multi_region

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CloudTrail::Trail")
	not aws_iam.is_true(cfn.property(r, ["IsMultiRegionTrail"], false))
	result := {
		"msg": sprintf("%s: CloudTrail trail records a single region; expected IsMultiRegionTrail: true", [id]),
		"resource": id,
		"path": path(r, "IsMultiRegionTrail"),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudTrail::Trail")
	aws_iam.is_false(r.Properties.IncludeGlobalServiceEvents)
	result := {
		"msg": sprintf("%s: CloudTrail trail excludes global service events (IAM, STS, CloudFront); expected IncludeGlobalServiceEvents: true", [id]),
		"resource": id,
		"path": ["Properties", "IncludeGlobalServiceEvents"],
	}
}

path(r, property) := ["Properties", property] if {
	property in object.keys(object.get(r, "Properties", {}))
} else := ["Properties"]
