# METADATA
# title: Interface VPC endpoints restrict who can reach them with security groups
# description: >-
#   An interface endpoint is a network interface in your subnets through
#   which AWS API calls (Secrets Manager, KMS, SSM, ...) leave the VPC
#   privately. Without a security group of its own it gets the VPC's default
#   group, so any host the default group admits can reach the endpoint, and
#   the path to the service cannot be narrowed to the workloads that need it.
# custom:
#   id: EC2.010
#   severity: medium
#   resource_types: [AWS::EC2::VPCEndpoint]
#   threats: [T07]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#   remediation: |-
#     Give the endpoint a dedicated security group (`SecurityGroupIds`) that admits HTTPS only from the workloads that use it.
#     ```ts
#     vpc.addInterfaceEndpoint('SecretsManager', {
#       service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
#       securityGroups: [endpointSg],
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.vpc_endpoint_security_group

import rego.v1

import data.regent.cfn

# Interface (and Gateway Load Balancer) endpoints live in subnets; gateway
# endpoints are routes and take no security group.
in_subnets(e) if upper(cfn.property(e, ["VpcEndpointType"], "Gateway")) in {"INTERFACE", "GATEWAYLOADBALANCER"}

in_subnets(e) if {
	cfn.property(e, ["VpcEndpointType"], null) == null
	count(cfn.as_array(cfn.property(e, ["SubnetIds"], []))) > 0
}

deny contains result if {
	some id, e in cfn.resources("AWS::EC2::VPCEndpoint")
	in_subnets(e)
	count(cfn.as_array(cfn.property(e, ["SecurityGroupIds"], []))) == 0
	result := {
		"msg": sprintf("%s: interface VPC endpoint has no security group of its own, so the VPC's default group decides who reaches it; expected SecurityGroupIds with a group admitting HTTPS from its clients only", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}
