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
#   remediation: >-
#     Set `IsMultiRegionTrail: true` and `IncludeGlobalServiceEvents: true`
#     (CDK: `isMultiRegionTrail: true`, `includeGlobalServiceEvents: true`,
#     both defaults of `cloudtrail.Trail`).
#   frameworks:
#     nist-800-53: [AU-2, AU-12]
#   aliases:
#     checkov: [CKV_AWS_67]
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
	property in object.keys(r.Properties)
} else := ["Properties"]
