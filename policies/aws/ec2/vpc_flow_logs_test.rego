package regent.aws.ec2.vpc_flow_logs_test

import rego.v1

import data.regent.aws.ec2.vpc_flow_logs as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

vpc := {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}

flow_log(props) := {"Type": "AWS::EC2::FlowLog", "Properties": object.union({"ResourceType": "VPC", "TrafficType": "ALL"}, props)}

test_vpc_without_flow_log_is_denied if {
	some r in control.deny with input as tpl({"Vpc": vpc})
	r.resource == "Vpc"
	r.path == []
	contains(r.msg, "no flow log")
}

test_vpc_with_flow_log_passes if {
	count(control.deny) == 0 with input as tpl({"Vpc": vpc, "Fl": flow_log({"ResourceId": {"Ref": "Vpc"}})})
}

test_flow_log_with_resource_ids_passes if {
	count(control.deny) == 0 with input as tpl({"Vpc": vpc, "Fl": flow_log({"ResourceIds": [{"Ref": "Vpc"}]})})
}

test_flow_log_of_another_vpc_does_not_count if {
	results := control.deny with input as tpl({"A": vpc, "B": vpc, "Fl": flow_log({"ResourceId": {"Ref": "A"}})})
	count(results) == 1
	some r in results
	r.resource == "B"
}

test_wrongly_typed_flow_log_does_not_count if {
	some r in control.deny with input as tpl({"Vpc": vpc, "Fl": {"Type": "AWS::EC2::FlowLog", "Properties": {"ResourceId": 42}}})
	r.resource == "Vpc"
}

# A flow log created only in one branch leaves the VPC unlogged in the other.
if_tpl := {
	"Conditions": {"Audit": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {
		"Vpc": vpc,
		"Fl": flow_log({"ResourceId": {"Fn::If": ["Audit", {"Ref": "Vpc"}, "vpc-0000"]}}),
	},
}

test_branch_without_flow_log_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Audit == false
	some r in control.deny with input as v.template
	r.resource == "Vpc"
}

test_branch_with_flow_log_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Audit == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_vpc_id_is_not_a_template_vpc if {
	t := {
		"Parameters": {"Target": {"Type": "String", "Default": "vpc-123"}},
		"Resources": {"Vpc": vpc, "Fl": flow_log({"ResourceId": {"Ref": "Target"}})},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Vpc"
}

test_cdk_vpc_with_flow_log_passes if {
	t := tpl({
		"Vpc8378EB38": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16", "EnableDnsHostnames": true}, "Metadata": {"aws:cdk:path": "app/Vpc/Resource"}},
		"VpcFlowLogsAllFlowLog5A8B2B8C": {
			"Type": "AWS::EC2::FlowLog",
			"Properties": {
				"DeliverLogsPermissionArn": {"Fn::GetAtt": ["VpcFlowLogsAllIAMRole", "Arn"]},
				"LogDestinationType": "cloud-watch-logs",
				"LogGroupName": {"Ref": "FlowLogGroup3E25AA51"},
				"ResourceId": {"Ref": "Vpc8378EB38"},
				"ResourceType": "VPC",
				"TrafficType": "ALL",
			},
			"Metadata": {"aws:cdk:path": "app/Vpc/FlowLogsAll/FlowLog"},
		},
	})
	count(control.deny) == 0 with input as t
}
