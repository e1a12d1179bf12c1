# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   With IMDSv1 allowed, any server-side request forgery or open proxy on
#   the instance can read the instance role's credentials from
#   169.254.169.254 with a plain GET. IMDSv2 requires a session token
#   obtained with a PUT, which SSRF and most proxies cannot do.
#   AWS::EC2::Instance has no metadata options of its own: it must use a
#   launch template that sets them.
# custom:
#   id: EC2.004
#   severity: high
#   remediation: >-
#     Set `MetadataOptions: {HttpTokens: required, HttpPutResponseHopLimit: 1}`
#     in the launch template and reference it from the instance (CDK:
#     `requireImdsv2: true` on `ec2.Instance` / `ec2.LaunchTemplate`, or the
#     `InstanceRequireImdsv2Aspect`).
#   frameworks:
#     nist-800-53: [AC-3, SC-7, CM-6]
#   aliases:
#     checkov: [CKV_AWS_79]
package regent.aws.ec2.instance_imdsv2

import rego.v1

import data.regent.cfn

requires_tokens(lt) if lt.Properties.LaunchTemplateData.MetadataOptions.HttpTokens == "required"

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::Instance")
	not r.Properties.LaunchTemplate
	result := {
		"msg": sprintf("%s: EC2 instance allows IMDSv1 (no launch template with MetadataOptions.HttpTokens: required); expected IMDSv2 only", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::LaunchTemplate")
	not requires_tokens(r)
	result := {
		"msg": sprintf("%s: launch template allows IMDSv1 (HttpTokens is %v); expected LaunchTemplateData.MetadataOptions.HttpTokens: required", [id, cfn.property(r, ["LaunchTemplateData", "MetadataOptions", "HttpTokens"], "not set")]),
		"resource": id,
		"path": path(r),
	}
}

path(r) := ["Properties", "LaunchTemplateData", "MetadataOptions"] if {
	r.Properties.LaunchTemplateData.MetadataOptions
} else := ["Properties", "LaunchTemplateData"]
