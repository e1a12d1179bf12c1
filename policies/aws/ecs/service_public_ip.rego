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
#   resource_types: [AWS::ECS::Service]
#   threats: [T03, T07]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [AC-4, SC-7]
#     soc2: [CC6.6]
#   remediation: |-
#     Set `AssignPublicIp: DISABLED` and run the tasks in private subnets that reach the
#     internet through NAT or VPC endpoints.
#     ```ts
#     new ecs.FargateService(this, 'Service', {
#       cluster,
#       taskDefinition,
#       assignPublicIp: false,
#       vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.9]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
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
