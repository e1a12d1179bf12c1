package regent.aws.ec2.vpc_endpoint_security_group_test

import rego.v1

import data.regent.aws.ec2.vpc_endpoint_security_group
import data.regent.cfn

endpoint(props) := {"Resources": {"E": {"Type": "AWS::EC2::VPCEndpoint", "Properties": object.union({
	"ServiceName": {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".secretsmanager"]]},
	"VpcId": {"Ref": "Vpc"},
}, props)}}}

test_interface_endpoint_without_group_is_denied if {
	some r in vpc_endpoint_security_group.deny with input as endpoint({"VpcEndpointType": "Interface", "SubnetIds": [{"Ref": "S1"}]})
	r.resource == "E"
	r.path == ["Properties"]
	contains(r.msg, "expected SecurityGroupIds")
}

test_interface_endpoint_with_group_passes if {
	count(vpc_endpoint_security_group.deny) == 0 with input as endpoint({
		"VpcEndpointType": "Interface", "SubnetIds": [{"Ref": "S1"}],
		"SecurityGroupIds": [{"Fn::GetAtt": ["EndpointSg", "GroupId"]}],
	})
}

test_gateway_endpoint_passes if {
	count(vpc_endpoint_security_group.deny) == 0 with input as endpoint({"VpcEndpointType": "Gateway", "RouteTableIds": [{"Ref": "Rt"}]})
}

test_default_type_is_gateway if {
	count(vpc_endpoint_security_group.deny) == 0 with input as endpoint({"RouteTableIds": [{"Ref": "Rt"}]})
}

test_subnets_without_type_mean_interface if {
	count(vpc_endpoint_security_group.deny) == 1 with input as endpoint({"SubnetIds": [{"Ref": "S1"}]})
}

test_empty_group_list_is_denied if {
	count(vpc_endpoint_security_group.deny) == 1 with input as endpoint({"VpcEndpointType": "Interface", "SecurityGroupIds": []})
}

test_lower_case_type_is_understood if {
	count(vpc_endpoint_security_group.deny) == 1 with input as endpoint({"VpcEndpointType": "interface"})
}

test_group_only_in_one_branch if {
	t := {
		"Conditions": {"Strict": {"Fn::Equals": [{"Ref": "AWS::Region"}, "eu-west-2"]}},
		"Resources": endpoint({"VpcEndpointType": "Interface", "SecurityGroupIds": {"Fn::If": ["Strict", ["sg-1"], {"Ref": "AWS::NoValue"}]}}).Resources,
	}
	some v in cfn.variants(t)
	v.conditions.Strict == false
	count(vpc_endpoint_security_group.deny) == 1 with input as v.template
}
