# METADATA
# title: RDS subnet groups do not include public subnets
# description: >-
#   A DB subnet group with subnets that route to an internet gateway (or
#   assign public IPs) lets the database be given a public address: the
#   only thing between it and the internet is then the security group and
#   the PubliclyAccessible flag. Databases belong in private or isolated
#   subnets.
# custom:
#   id: RDS.007
#   severity: high
#   resource_types: [AWS::RDS::DBSubnetGroup, AWS::EC2::Subnet, AWS::EC2::SubnetRouteTableAssociation, AWS::EC2::RouteTable, AWS::EC2::Route]
#   threats: [T03, T07]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#     pci-dss-4.0: ["1.4.4"]
#   remediation: |-
#     List only private or isolated subnets in `SubnetIds`.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', {
#       engine, vpc,
#       vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.subnet_group_public_subnets

import rego.v1

import data.regent.aws_net
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBSubnetGroup")
	public := aws_net.public_subnets_in(r.Properties.SubnetIds)
	count(public) > 0
	result := {
		"msg": sprintf("%s: DB subnet group includes public subnet(s) %s; expected only private or isolated subnets", [id, concat(", ", sort(public))]),
		"resource": id,
		"path": ["Properties", "SubnetIds"],
	}
}
