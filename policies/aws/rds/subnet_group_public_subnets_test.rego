package regent.aws.rds.subnet_group_public_subnets_test

import rego.v1

import data.regent.aws.rds.subnet_group_public_subnets as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

subnet(public) := {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": public}}

group(ids) := {"Type": "AWS::RDS::DBSubnetGroup", "Properties": {"DBSubnetGroupDescription": "db", "SubnetIds": ids}}

routed := {
	"Igw": {"Type": "AWS::EC2::InternetGateway"},
	"Rt": {"Type": "AWS::EC2::RouteTable", "Properties": {"VpcId": "vpc-1"}},
	"Default": {"Type": "AWS::EC2::Route", "Properties": {"RouteTableId": {"Ref": "Rt"}, "DestinationCidrBlock": "0.0.0.0/0", "GatewayId": {"Ref": "Igw"}}},
	"Assoc": {"Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": {"SubnetId": {"Ref": "Routed"}, "RouteTableId": {"Ref": "Rt"}}},
	"Routed": subnet(false),
}

test_group_with_auto_public_subnet_is_denied if {
	some r in control.deny with input as tpl({"Pub": subnet(true), "Priv": subnet(false), "Grp": group([{"Ref": "Pub"}, {"Ref": "Priv"}])})
	r.resource == "Grp"
	r.path == ["Properties", "SubnetIds"]
	contains(r.msg, "public subnet(s) Pub;")
}

test_private_group_passes if {
	count(control.deny) == 0 with input as tpl({"Priv": subnet(false), "Grp": group([{"Ref": "Priv"}])})
}

test_subnet_routed_to_internet_gateway_is_denied if {
	some r in control.deny with input as tpl(object.union(routed, {"Grp": group([{"Ref": "Routed"}])}))
	contains(r.msg, "Routed")
}

test_external_subnet_ids_pass if {
	count(control.deny) == 0 with input as tpl({"Grp": group(["subnet-1", "subnet-2"])})
}

test_odd_shapes_do_not_crash if {
	count(control.deny) == 0 with input as tpl({"A": group("subnet-1"), "B": {"Type": "AWS::RDS::DBSubnetGroup"}, "S": subnet("yes")})
}

if_tpl := {
	"Conditions": {"Lab": {"Fn::Equals": [{"Ref": "Env"}, "lab"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["lab", "prod"]}},
	"Resources": {"Pub": subnet(true), "Priv": subnet(false), "Grp": group([{"Fn::If": ["Lab", {"Ref": "Pub"}, {"Ref": "Priv"}]}])},
}

test_public_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Lab == true
	some r in control.deny with input as v.template
	r.resource == "Grp"
}

test_private_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Lab == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_subnet_is_not_a_template_subnet if {
	t := {"Parameters": {"Sn": {"Type": "String", "Default": "subnet-abc"}}, "Resources": {"Grp": group([{"Ref": "Sn"}])}}
	some v in cfn.variants(t)
	count(control.deny) == 0 with input as v.template
}

test_cdk_group_on_public_subnets_is_denied if {
	t := tpl({
		"VpcpublicSubnet1Subnet2BB74ED7": {"Type": "AWS::EC2::Subnet", "Properties": {"MapPublicIpOnLaunch": true, "VpcId": {"Ref": "Vpc8378EB38"}, "CidrBlock": "10.0.0.0/24"}},
		"ReportingDbSubnetGroup390E4B7A": {
			"Type": "AWS::RDS::DBSubnetGroup",
			"Properties": {"DBSubnetGroupDescription": "Subnet group for ReportingDb database", "SubnetIds": [{"Ref": "VpcpublicSubnet1Subnet2BB74ED7"}]},
			"Metadata": {"aws:cdk:path": "database-insecure/ReportingDb/SubnetGroup/Default"},
		},
	})
	some r in control.deny with input as t
	r.resource == "ReportingDbSubnetGroup390E4B7A"
}
