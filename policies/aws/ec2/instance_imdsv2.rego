# METADATA
# title: EC2 instances require IMDSv2
# description: >-
#   With IMDSv1 allowed, any server-side request forgery or open proxy on
#   the instance can read the instance role's credentials from
#   169.254.169.254 with a plain GET; IMDSv2 needs a token obtained with a
#   PUT. Instances have no metadata options of their own and must use a
#   launch template that requires tokens; launch templates and
#   configurations must set HttpTokens: required.
# custom:
#   id: EC2.004
#   severity: high
#   resource_types: [AWS::EC2::Instance, AWS::EC2::LaunchTemplate, AWS::AutoScaling::LaunchConfiguration]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-3, AC-6, SC-7, CM-6]
#     soc2: [CC6.1]
#     cis-aws: ["5.6"]
#     pci-dss-4.0: ["2.2.6"]
#   remediation: |-
#     Set `MetadataOptions: {HttpTokens: required, HttpPutResponseHopLimit: 1}` in the launch template (or launch configuration) and reference it from the instance.
#     ```ts
#     new ec2.Instance(this, 'Host', { vpc, instanceType, machineImage, requireImdsv2: true });
#     new ec2.LaunchTemplate(this, 'Template', { machineImage, requireImdsv2: true });
#     ```
#   aliases:
#     checkov: [CKV_AWS_79]
#     control_tower: [CT.EC2.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.instance_imdsv2

import rego.v1

import data.regent.cfn

# IMDSv2 only, or no metadata endpoint at all.
protected(options) if options.HttpTokens == "required"

protected(options) if options.HttpEndpoint == "disabled"

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
	options := object.get(r, ["Properties", "LaunchTemplateData", "MetadataOptions"], {})
	not protected(options)
	result := {
		"msg": sprintf("%s: launch template allows IMDSv1 (HttpTokens is %v); expected LaunchTemplateData.MetadataOptions.HttpTokens: required", [id, tokens(options)]),
		"resource": id,
		"path": path(r, ["Properties", "LaunchTemplateData"]),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::AutoScaling::LaunchConfiguration")
	options := object.get(r, ["Properties", "MetadataOptions"], {})
	not protected(options)
	result := {
		"msg": sprintf("%s: launch configuration allows IMDSv1 (HttpTokens is %v); expected MetadataOptions.HttpTokens: required", [id, tokens(options)]),
		"resource": id,
		"path": path(r, ["Properties"]),
	}
}

tokens(options) := object.get(options, "HttpTokens", "not set") if is_object(options)

tokens(options) := "not set" if not is_object(options)

# The MetadataOptions block when it exists, else its parent.
path(r, base) := array.concat(base, ["MetadataOptions"]) if {
	object.get(r, array.concat(base, ["MetadataOptions"]), null) != null
} else := base
