# METADATA
# title: Subnets do not assign public IP addresses automatically
# description: >-
#   With `MapPublicIpOnLaunch: true` every instance, task or ENI started in
#   the subnet gets a public IPv4 address unless it opts out, so any
#   workload placed there by mistake is reachable from the internet. Public
#   subnets should host load balancers and NAT gateways, which do not need
#   the setting.
# custom:
#   id: EC2.007
#   severity: medium
#   resource_types: [AWS::EC2::Subnet]
#   threats: [T07, T03]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#   remediation: |-
#     Set `MapPublicIpOnLaunch: false` and give public IPs only to the resources that need them explicitly.
#     ```ts
#     new ec2.Vpc(this, 'Vpc', {
#       subnetConfiguration: [
#         { name: 'public', subnetType: ec2.SubnetType.PUBLIC, mapPublicIpOnLaunch: false },
#         { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
#       ],
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_130]
#     control_tower: [CT.EC2.PR.11]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.subnet_auto_public_ip

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::EC2::Subnet")
	aws_iam.is_true(r.Properties.MapPublicIpOnLaunch)
	result := {
		"msg": sprintf("%s: subnet assigns a public IPv4 address to everything launched in it; expected MapPublicIpOnLaunch: false", [id]),
		"resource": id,
		"path": ["Properties", "MapPublicIpOnLaunch"],
	}
}
