# METADATA
# title: EBS volumes are encrypted with a customer-managed KMS key
# description: >-
#   An unencrypted EBS volume, and every snapshot of it, stores data in
#   clear text; a volume that does not set Encrypted depends on the
#   account's encryption-by-default setting. Without KmsKeyId the AWS-
#   managed aws/ebs key is used, whose policy cannot be restricted or
#   revoked (reported as medium). Launch configurations cannot name a key
#   and are only checked for Encrypted.
# custom:
#   id: EC2.003
#   severity: high
#   resource_types: [AWS::EC2::Volume, AWS::EC2::Instance, AWS::EC2::LaunchTemplate, AWS::AutoScaling::LaunchConfiguration]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12]
#     soc2: [CC6.1]
#     cis-aws: ["2.2.1"]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `Encrypted: true` and `KmsKeyId` (a customer-managed key) on the volume and on each `BlockDeviceMappings[].Ebs` of the instance or launch template, and turn on EBS encryption by default for the account.
#     ```ts
#     new ec2.Instance(this, 'Host', {
#       vpc, instanceType, machineImage,
#       blockDevices: [{
#         deviceName: '/dev/xvda',
#         volume: ec2.BlockDeviceVolume.ebs(30, { encrypted: true, kmsKey: key }),
#       }],
#     });
#     ```
#   aliases:
#     cfn_nag: [F1]
#     checkov: [CKV_AWS_3, CKV_AWS_8]
#     cdk_nag: [AwsSolutions-EC26]
#     control_tower: [CT.EC2.PR.7]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.ebs_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# Block device mappings path (relative to the resource) per resource type.
mapping_paths := {
	"AWS::EC2::Instance": ["Properties", "BlockDeviceMappings"],
	"AWS::EC2::LaunchTemplate": ["Properties", "LaunchTemplateData", "BlockDeviceMappings"],
	"AWS::AutoScaling::LaunchConfiguration": ["Properties", "BlockDeviceMappings"],
}

# AWS::AutoScaling::LaunchConfiguration's BlockDevice has no KmsKeyId.
keyless_types := {"AWS::AutoScaling::LaunchConfiguration"}

deny contains result if {
	some type, base in mapping_paths
	some id, r in cfn.resources(type)
	mappings := object.get(r, base, [])
	is_array(mappings)
	some i, mapping in mappings
	ebs := mapping.Ebs
	is_object(ebs)
	[problem, property, severity] := issue(ebs, type)
	result := {
		"msg": sprintf("%s: EBS volume %v of %s is %s; expected Encrypted: true with a customer-managed KmsKeyId", [id, object.get(mapping, "DeviceName", i), r.Type, problem]),
		"resource": id,
		"path": array.concat(base, [i, "Ebs", property]),
		"severity": severity,
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::Volume")
	props := object.get(r, "Properties", {})
	[problem, property, severity] := issue(props, r.Type)
	result := {
		"msg": sprintf("%s: EBS volume is %s; expected Encrypted: true with a customer-managed KmsKeyId", [id, problem]),
		"resource": id,
		"path": ["Properties", property],
		"severity": severity,
	}
}

# [what is wrong, the property to point at, severity] for an EBS
# specification (volume properties or a mapping's Ebs block).
issue(ebs, type) := ["not encrypted", "Encrypted", "high"] if {
	"Encrypted" in object.keys(ebs)
	not aws_iam.is_true(ebs.Encrypted)
} else := ["not explicitly encrypted (depends on the account's encryption-by-default setting)", "Encrypted", "high"] if {
	not aws_iam.is_true(object.get(ebs, "Encrypted", false))
} else := [key_problem(ebs), "KmsKeyId", "medium"] if {
	not type in keyless_types
	not aws_iam.customer_managed_key(object.get(ebs, "KmsKeyId", null))
}

key_problem(ebs) := sprintf("encrypted with the AWS-managed key %v", [ebs.KmsKeyId]) if {
	aws_iam.aws_managed_key(ebs.KmsKeyId)
} else := "encrypted with the AWS-managed aws/ebs key (no KmsKeyId)"
