# METADATA
# title: ECS services should not assign public IP addresses to tasks
# description: >-
#   With `AssignPublicIp: ENABLED` every task gets a public IPv4 address and
#   is reachable from the internet on whatever its security groups allow,
#   bypassing the load balancer (and any WAF, TLS termination and access
#   logging in front of it).  Tasks belong in private subnets, reaching the
#   internet through NAT or VPC endpoints.
# custom:
#   id: ECS.009
#   severity: medium
#   remediation: >-
#     Set `NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp: DISABLED`
#     and place the tasks in private subnets (CDK: `assignPublicIp: false`,
#     the default, with `vpcSubnets: {subnetType:
#     ec2.SubnetType.PRIVATE_WITH_EGRESS}`).
#   frameworks:
#     nist-800-53: [AC-4, SC-7]
#   aliases:
#     control_tower: [CT.ECS.PR.9]
package regent.aws.ecs.service_public_ip

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, service in cfn.resources("AWS::ECS::Service")
	path := ["NetworkConfiguration", "AwsvpcConfiguration", "AssignPublicIp"]
	aws_web.may_equal(cfn.property(service, path, null), "ENABLED")
	result := {
		"msg": sprintf("ECS service %s assigns public IP addresses to its tasks, exposing them to the internet directly", [id]),
		"resource": id,
		"path": array.concat(["Properties"], path),
	}
}
