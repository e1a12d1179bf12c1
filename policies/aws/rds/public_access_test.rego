package regent.aws.rds.public_access_test

import rego.v1

import data.regent.aws.rds.public_access as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql", "DBInstanceClass": "db.t3.micro"}, props)}

# A VPC with an internet gateway, a subnet and a DB subnet group on it.
network := {
	"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
	"Igw": {"Type": "AWS::EC2::InternetGateway"},
	"IgwAttach": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc"}, "InternetGatewayId": {"Ref": "Igw"}}},
	"SubnetA": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "10.0.1.0/24"}},
	"Group": {"Type": "AWS::RDS::DBSubnetGroup", "Properties": {"DBSubnetGroupDescription": "db", "SubnetIds": [{"Ref": "SubnetA"}]}},
}

test_publicly_accessible_instance_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"PubliclyAccessible": true})})
	r.resource == "Db"
	r.path == ["Properties", "PubliclyAccessible"]
	not r.severity
	contains(r.msg, "DB instance is publicly accessible")
}

test_private_instance_passes if {
	count(control.deny) == 0 with input as tpl(object.union(network, {"Db": instance({"PubliclyAccessible": false, "DBSubnetGroupName": {"Ref": "Group"}})}))
}

test_string_true_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"PubliclyAccessible": "True", "DBSubnetGroupName": "grp"})})
	r.path == ["Properties", "PubliclyAccessible"]
}

test_unset_without_subnet_group_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({})})
	r.severity == "high"
	r.path == ["Properties"]
	contains(r.msg, "no DB subnet group (default VPC)")
}

test_unset_in_vpc_with_internet_gateway_is_denied if {
	some r in control.deny with input as tpl(object.union(network, {"Db": instance({"DBSubnetGroupName": {"Ref": "Group"}})}))
	r.resource == "Db"
	contains(r.msg, "subnet group Group is in VPC Vpc, which has an internet gateway")
}

test_unset_in_vpc_without_internet_gateway_passes if {
	isolated := object.remove(network, ["IgwAttach"])
	count(control.deny) == 0 with input as tpl(object.union(isolated, {"Db": instance({"DBSubnetGroupName": {"Ref": "Group"}})}))
}

test_unset_with_default_subnet_group_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"DBSubnetGroupName": "default"})})
	contains(r.msg, "subnet group is the default one")
}

test_subnets_in_two_vpcs_give_one_message if {
	res := object.union(network, {
		"Vpc2": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}},
		"Igw2Attach": {"Type": "AWS::EC2::VPCGatewayAttachment", "Properties": {"VpcId": {"Ref": "Vpc2"}, "InternetGatewayId": "igw-1"}},
		"SubnetB": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc2"}, "CidrBlock": "10.1.1.0/24"}},
		"Group": {"Type": "AWS::RDS::DBSubnetGroup", "Properties": {"DBSubnetGroupDescription": "db", "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]}},
		"Db": instance({"DBSubnetGroupName": {"Ref": "Group"}}),
	})
	results := control.deny with input as tpl(res)
	count(results) == 1
	some r in results
	contains(r.msg, "in VPC Vpc,")
}

test_unset_with_external_subnet_group_passes if {
	count(control.deny) == 0 with input as tpl({"Db": instance({"DBSubnetGroupName": "shared-private"})})
}

test_aurora_member_uses_cluster_subnet_group if {
	res := object.union(network, {
		"Cl": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "DBSubnetGroupName": {"Ref": "Group"}}},
		"Writer": instance({"Engine": "aurora-postgresql", "DBClusterIdentifier": {"Ref": "Cl"}}),
	})
	some r in control.deny with input as tpl(res)
	r.resource == "Writer"
	count(control.deny) == 0 with input as tpl({"Writer": instance({"DBClusterIdentifier": "external-cluster"})})
}

test_aurora_member_of_cluster_without_subnet_group_is_denied if {
	res := {
		"Cl": {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql"}},
		"Writer": instance({"Engine": "aurora-postgresql", "DBClusterIdentifier": {"Ref": "Cl"}}),
	}
	some r in control.deny with input as tpl(res)
	r.resource == "Writer"
	contains(r.msg, "no DB subnet group")
}

test_multi_az_db_cluster_is_checked if {
	cl := {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "postgres", "DBClusterInstanceClass": "db.m6gd.large", "PubliclyAccessible": true}}
	aurora := {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-mysql"}}
	results := control.deny with input as tpl({"MultiAz": cl, "Aurora": aurora})
	count(results) == 1
	some r in results
	r.resource == "MultiAz"
	contains(r.msg, "DB cluster is publicly accessible")
}

test_odd_values_do_not_crash if {
	results := control.deny with input as tpl({"A": instance({"PubliclyAccessible": "yes"}), "B": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": 1}}})
	count(results) == 0
}

if_tpl := {
	"Conditions": {"Exposed": {"Fn::Equals": [{"Ref": "Access"}, "public"]}},
	"Parameters": {"Access": {"Type": "String", "AllowedValues": ["public", "private"]}},
	"Resources": {"Db": instance({"DBSubnetGroupName": "grp", "PubliclyAccessible": {"Fn::If": ["Exposed", true, false]}})},
}

test_public_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Exposed == true
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_private_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Exposed == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_true_is_denied if {
	t := {"Parameters": {"Public": {"Type": "String", "Default": "true"}}, "Resources": {"Db": instance({"DBSubnetGroupName": "grp", "PubliclyAccessible": {"Ref": "Public"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.path == ["Properties", "PubliclyAccessible"]
}

test_cdk_reporting_db_is_denied if {
	t := tpl({"ReportingDbB9466633": {
		"Type": "AWS::RDS::DBInstance",
		"Properties": {
			"DBInstanceClass": "db.t3.medium", "Engine": "mysql", "PubliclyAccessible": true,
			"DBSubnetGroupName": {"Ref": "ReportingDbSubnetGroup390E4B7A"},
			"VPCSecurityGroups": [{"Fn::GetAtt": ["ReportingDbSgCF5B1339", "GroupId"]}],
		},
		"Metadata": {"aws:cdk:path": "database-insecure/ReportingDb/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "ReportingDbB9466633"
}
