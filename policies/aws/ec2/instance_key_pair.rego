# METADATA
# title: EC2 instances are not accessed with SSH key pairs
# description: >-
#   An EC2 key pair is a long-lived, usually shared private key: whoever
#   holds a copy can log in to every instance launched with it, access is
#   not tied to a person, and sessions are not logged. SSM Session Manager
#   gives IAM-authorized, logged shell access without inbound ports or keys.
#   Checked on instances and launch templates. Advisory.
# custom:
#   id: EC2.009
#   severity: low
#   resource_types: [AWS::EC2::Instance, AWS::EC2::LaunchTemplate]
#   threats: [T10]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [IA-2, IA-5, AC-17]
#     soc2: [CC6.1]
#   remediation: |-
#     Remove `KeyName` and use SSM Session Manager (an instance role with AmazonSSMManagedInstanceCore), or EC2 Instance Connect for short-lived keys.
#     ```ts
#     new ec2.Instance(this, 'Host', {
#       vpc, instanceType, machineImage,
#       ssmSessionPermissions: true, // no keyPair
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.instance_key_pair

import rego.v1

import data.regent.cfn

warn contains result if {
	some id, r in cfn.resources("AWS::EC2::Instance")
	r.Properties.KeyName
	result := {
		"msg": sprintf("%s: EC2 instance is launched with SSH key pair %v; expected keyless access through SSM Session Manager", [id, name(r.Properties.KeyName)]),
		"resource": id,
		"path": ["Properties", "KeyName"],
	}
}

warn contains result if {
	some id, r in cfn.resources("AWS::EC2::LaunchTemplate")
	r.Properties.LaunchTemplateData.KeyName
	result := {
		"msg": sprintf("%s: launch template uses SSH key pair %v; expected keyless access through SSM Session Manager", [id, name(r.Properties.LaunchTemplateData.KeyName)]),
		"resource": id,
		"path": ["Properties", "LaunchTemplateData", "KeyName"],
	}
}

name(v) := sprintf("%q", [v]) if {
	is_string(v)
} else := "(from a parameter)"
