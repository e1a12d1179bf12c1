package regent.aws.lambda.function_in_vpc_test

import rego.v1

import data.regent.aws.lambda.function_in_vpc as vpc
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(props) := {"Type": "AWS::Lambda::Function", "Properties": props}

test_function_outside_vpc_is_denied if {
	some r in vpc.deny with input as tpl({"Fn": fn({})})
	r.resource == "Fn"
	r.path == ["Properties", "VpcConfig"]
	contains(r.msg, "does not run in a VPC")
}

test_function_in_private_subnets_passes if {
	count(vpc.deny) == 0 with input as tpl({"Fn": fn({"VpcConfig": {
		"SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}],
		"SecurityGroupIds": [{"Fn::GetAtt": ["Sg", "GroupId"]}],
	}})})
}

test_empty_subnet_list_is_denied if {
	some r in vpc.deny with input as tpl({"Fn": fn({"VpcConfig": {"SubnetIds": [], "SecurityGroupIds": []}})})
	r.resource == "Fn"
}

test_sam_globals_vpc_passes if {
	count(vpc.deny) == 0 with input as {
		"Globals": {"Function": {"VpcConfig": {"SubnetIds": ["subnet-0abc"], "SecurityGroupIds": ["sg-0abc"]}}},
		"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {}}},
	}
}

test_subnets_from_intrinsic_are_not_judged if {
	count(vpc.deny) == 0 with input as tpl({"Fn": fn({"VpcConfig": {"SubnetIds": {"Fn::Split": [",", {"Fn::ImportValue": "Subnets"}]}}})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({"VpcConfig": {"Fn::If": ["IsProd", {"SubnetIds": [{"Ref": "SubnetA"}]}, {"Ref": "AWS::NoValue"}]}})},
}

test_vpc_less_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in vpc.deny with input as v.template
	r.resource == "Fn"
}

test_vpc_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(vpc.deny) == 0 with input as v.template
}

test_parameter_subnets_pass if {
	t := {
		"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>", "Default": "subnet-0abc,subnet-0def"}},
		"Resources": {"Fn": fn({"VpcConfig": {"SubnetIds": {"Ref": "Subnets"}}})},
	}
	some v in cfn.variants(t)
	count(vpc.deny) == 0 with input as v.template
}

test_cdk_style_template_is_denied if {
	t := tpl({"CreatePaymentFn1CCC006E": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Role": {"Fn::GetAtt": ["SharedLambdaRole04297543", "Arn"]}},
		"Metadata": {"aws:cdk:path": "api/CreatePaymentFn/Resource"},
	}})
	some r in vpc.deny with input as t
	r.resource == "CreatePaymentFn1CCC006E"
}
