# METADATA
# title: EBS volumes are encrypted
# description: >-
#   An unencrypted EBS volume, and every snapshot taken of it, stores data
#   in clear text: a snapshot shared by mistake or copied by an attacker
#   exposes the whole disk. Volumes whose mapping does not set `Encrypted`
#   depend on the account's EBS-encryption-by-default setting, which the
#   template does not guarantee.
# custom:
#   id: EC2.003
#   severity: high
#   remediation: >-
#     Set `Encrypted: true` (and `KmsKeyId` of a customer-managed key) on the
#     volume, on each `BlockDeviceMappings[].Ebs` of the instance, launch
#     template or launch configuration (CDK: `blockDevices: [{deviceName,
#     volume: ec2.BlockDeviceVolume.ebs(30, {encrypted: true})}]`), and turn
#     on EBS encryption by default for the account.
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#   aliases:
#     cdk_nag: [AwsSolutions-EC26]
package regent.aws.ec2.ebs_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# [mappings path relative to the resource] per resource type.
mapping_paths := {
	"AWS::EC2::Instance": ["Properties", "BlockDeviceMappings"],
	"AWS::EC2::LaunchTemplate": ["Properties", "LaunchTemplateData", "BlockDeviceMappings"],
	"AWS::AutoScaling::LaunchConfiguration": ["Properties", "BlockDeviceMappings"],
}

deny contains result if {
	some id, r in input.Resources
	base := mapping_paths[r.Type]
	some i, mapping in object.get(r, base, [])
	ebs := mapping.Ebs
	not aws_iam.is_true(object.get(ebs, "Encrypted", false))
	result := {
		"msg": sprintf("%s: EBS volume %v of %s is %s; expected Ebs.Encrypted: true", [id, object.get(mapping, "DeviceName", i), r.Type, state(ebs)]),
		"resource": id,
		"path": array.concat(base, [i, "Ebs", "Encrypted"]),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::Volume")
	not aws_iam.is_true(cfn.property(r, ["Encrypted"], false))
	result := {
		"msg": sprintf("%s: EBS volume is %s; expected Encrypted: true", [id, state(r.Properties)]),
		"resource": id,
		"path": ["Properties", "Encrypted"],
	}
}

state(x) := "not encrypted" if {
	"Encrypted" in object.keys(x)
} else := "not explicitly encrypted (depends on the account default)"
