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
#   remediation: >-
#     Set `MapPublicIpOnLaunch: false` (CDK: `mapPublicIpOnLaunch: false` in
#     the public `subnetConfiguration` of `ec2.Vpc`) and give public IPs only
#     to the resources that need them explicitly.
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#   aliases:
#     checkov: [CKV_AWS_130]
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
