# METADATA
# title: RDS databases are not publicly accessible
# description: >-
#   PubliclyAccessible: true gives the database a public DNS name and IP, so
#   with a permissive security group or public subnet its listener is
#   exposed to credential stuffing and engine exploits from the internet.
#   Leaving the property out is not safe either: RDS then makes the database
#   public when it has no DB subnet group (default VPC) or its subnet
#   group's VPC has an internet gateway (reported as high).
# custom:
#   id: RDS.002
#   severity: critical
#   resource_types: [AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::RDS::DBSubnetGroup, AWS::EC2::Subnet, AWS::EC2::VPCGatewayAttachment]
#   threats: [T03, T07]
#   mitigations: [M03, M07]
#   frameworks:
#     nist-800-53: [AC-3, AC-4, SC-7]
#     soc2: [CC6.6]
#     cis-aws: ["2.3.3"]
#     pci-dss-4.0: ["1.4.4"]
#   remediation: |-
#     Set `PubliclyAccessible: false` explicitly and place the database in private or isolated subnets; reach it through SSM port forwarding or a VPN.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', {
#       engine, vpc,
#       publiclyAccessible: false,
#       vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_17]
#     control_tower: [CT.RDS.PR.23]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.public_access

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in input.Resources
	kind := kinds[r.Type]
	aws_iam.is_true(object.get(r, ["Properties", "PubliclyAccessible"], false))
	result := {
		"msg": sprintf("%s: RDS %s is publicly accessible; expected PubliclyAccessible: false", [id, kind]),
		"resource": id,
		"path": ["Properties", "PubliclyAccessible"],
	}
}

# PubliclyAccessible left out: RDS picks the default from the network.
deny contains result if {
	some id, r in input.Resources
	kind := kinds[r.Type]
	props := object.get(r, "Properties", {})
	not "PubliclyAccessible" in object.keys(props)
	applies(r)
	reason := default_public(r)
	result := {
		"msg": sprintf("%s: RDS %s does not set PubliclyAccessible and %s, so RDS makes it publicly accessible; expected PubliclyAccessible: false", [id, kind, reason]),
		"resource": id,
		"path": ["Properties"],
		"severity": "high",
	}
}

kinds := {"AWS::RDS::DBInstance": "DB instance", "AWS::RDS::DBCluster": "DB cluster"}

# Every DB instance; only Multi-AZ DB clusters (Aurora clusters have no
# PubliclyAccessible of their own, their instances do).
applies(r) if r.Type == "AWS::RDS::DBInstance"

applies(r) if {
	r.Type == "AWS::RDS::DBCluster"
	cfn.property(r, ["DBClusterInstanceClass"], null) != null
}

# Why RDS will choose "public", when the template shows it.
default_public(r) := "it has no DB subnet group (default VPC)" if {
	not subnet_group_value(r)
	not external_cluster(r)
} else := "its DB subnet group is the default one (default VPC)" if {
	subnet_group_value(r) == "default"
} else := reasons[0] if {
	reasons := igw_reasons(r)
	count(reasons) > 0
}

# The subnet group's VPCs that have an internet gateway (sorted, so that
# the message is deterministic).
igw_reasons(r) := sort([sprintf("its DB subnet group %s is in VPC %s, which has an internet gateway", [group, vpc]) |
	some group, g in cfn.resources("AWS::RDS::DBSubnetGroup")
	cfn.references(subnet_group_value(r), group)
	some vpc in vpcs_of(g)
	internet_gateway_attached(vpc)
])

# The instance's subnet group, or that of its Aurora cluster.
subnet_group_value(r) := v if {
	v := r.Properties.DBSubnetGroupName
} else := v if {
	values := {v |
		some c, cluster in cfn.resources("AWS::RDS::DBCluster")
		cfn.references(r.Properties.DBClusterIdentifier, c)
		v := cluster.Properties.DBSubnetGroupName
	}
	count(values) == 1
	some v in values
}

# A cluster member whose cluster is not in the template: its network is
# unknown.
external_cluster(r) if {
	r.Properties.DBClusterIdentifier
	not template_cluster(r.Properties.DBClusterIdentifier)
}

template_cluster(v) if {
	some c, _ in cfn.resources("AWS::RDS::DBCluster")
	cfn.references(v, c)
}

# Logical ids of the VPCs of a subnet group's subnets.
vpcs_of(group) := {vpc |
	some s in cfn.as_array(object.get(group, ["Properties", "SubnetIds"], []))
	some sid, subnet in cfn.resources("AWS::EC2::Subnet")
	cfn.references(s, sid)
	some vpc, _ in cfn.resources("AWS::EC2::VPC")
	cfn.references(object.get(subnet, ["Properties", "VpcId"], null), vpc)
}

internet_gateway_attached(vpc) if {
	some _, a in cfn.resources("AWS::EC2::VPCGatewayAttachment")
	cfn.references(object.get(a, ["Properties", "VpcId"], null), vpc)
	object.get(a, ["Properties", "InternetGatewayId"], null) != null
}
