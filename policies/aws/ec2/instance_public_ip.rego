# METADATA
# title: EC2 instances do not get public IP addresses
# description: >-
#   An instance with a public IPv4 address is directly reachable from the
#   internet whenever a security group allows it, bypassing the load
#   balancers, NAT and egress controls of the VPC design. Reported for
#   instance and launch template network interfaces that ask for a public
#   address, and for instances placed in a subnet that maps public IPs at
#   launch.
# custom:
#   id: EC2.005
#   severity: high
#   resource_types: [AWS::EC2::Instance, AWS::EC2::LaunchTemplate, AWS::EC2::Subnet]
#   threats: [T07, T03]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#   remediation: |-
#     Set `AssociatePublicIpAddress: false` on the network interfaces and launch the instance in a private subnet; reach it through SSM Session Manager or a load balancer.
#     ```ts
#     new ec2.Instance(this, 'Host', {
#       vpc, instanceType, machineImage,
#       vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
#       associatePublicIpAddress: false,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_88]
#     control_tower: [CT.EC2.PR.8, CT.EC2.PR.9]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.instance_public_ip

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::Instance")
	some i, nic in r.Properties.NetworkInterfaces
	aws_iam.is_true(nic.AssociatePublicIpAddress)
	result := {
		"msg": sprintf("%s: EC2 instance network interface %d is given a public IP address; expected AssociatePublicIpAddress: false in a private subnet", [id, i]),
		"resource": id,
		"path": ["Properties", "NetworkInterfaces", i, "AssociatePublicIpAddress"],
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::LaunchTemplate")
	some i, nic in r.Properties.LaunchTemplateData.NetworkInterfaces
	aws_iam.is_true(nic.AssociatePublicIpAddress)
	result := {
		"msg": sprintf("%s: launch template network interface %d is given a public IP address; expected AssociatePublicIpAddress: false", [id, i]),
		"resource": id,
		"path": ["Properties", "LaunchTemplateData", "NetworkInterfaces", i, "AssociatePublicIpAddress"],
	}
}

# An instance without explicit interfaces in a subnet that maps public IPs.
deny contains result if {
	some id, r in cfn.resources("AWS::EC2::Instance")
	not r.Properties.NetworkInterfaces
	some subnet, s in cfn.resources("AWS::EC2::Subnet")
	cfn.references(r.Properties.SubnetId, subnet)
	aws_iam.is_true(s.Properties.MapPublicIpOnLaunch)
	result := {
		"msg": sprintf("%s: EC2 instance is launched in subnet %s, which assigns public IP addresses; expected a private subnet", [id, subnet]),
		"resource": id,
		"path": ["Properties", "SubnetId"],
	}
}
