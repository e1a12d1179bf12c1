package regent.aws.synthetics.canary_in_vpc_test

import rego.v1

import data.regent.aws.synthetics.canary_in_vpc
import data.regent.cfn

tpl(resources) := {"Resources": resources}

canary(props) := {"Type": "AWS::Synthetics::Canary", "Properties": object.union({
	"Name": "api-probe",
	"RuntimeVersion": "syn-nodejs-puppeteer-9.1",
	"ExecutionRoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
	"ArtifactS3Location": "s3://artifacts/canary",
	"Schedule": {"Expression": "rate(5 minutes)"},
	"Code": {"Handler": "index.handler", "Script": "exports.handler = async () => {};"},
}, props)}

vpc_config := {"VpcId": {"Ref": "Vpc"}, "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}], "SecurityGroupIds": [{"Fn::GetAtt": ["Sg", "GroupId"]}]}

test_canary_outside_vpc_is_denied if {
	some r in canary_in_vpc.deny with input as tpl({"C": canary({})})
	r.resource == "C"
	r.path == ["Properties", "VPCConfig"]
	contains(r.msg, "does not run in a VPC")
}

test_canary_in_vpc_passes if {
	count(canary_in_vpc.deny) == 0 with input as tpl({"C": canary({"VPCConfig": vpc_config})})
}

test_empty_subnet_list_is_denied if {
	some r in canary_in_vpc.deny with input as tpl({"C": canary({"VPCConfig": {"VpcId": "vpc-123", "SubnetIds": [], "SecurityGroupIds": []}})})
	r.resource == "C"
}

test_subnets_from_list_parameter_pass if {
	count(canary_in_vpc.deny) == 0 with input as {
		"Parameters": {"Subnets": {"Type": "List<AWS::EC2::Subnet::Id>"}},
		"Resources": {"C": canary({"VPCConfig": {"VpcId": "vpc-123", "SubnetIds": {"Ref": "Subnets"}, "SecurityGroupIds": ["sg-123"]}})},
	}
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"C": canary({"VPCConfig": {"Fn::If": ["IsProd", vpc_config, {"Ref": "AWS::NoValue"}]}})},
}

test_branch_outside_vpc_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in canary_in_vpc.deny with input as v.template
	r.resource == "C"
}

test_branch_in_vpc_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(canary_in_vpc.deny) == 0 with input as v.template
}

test_parameter_default_outside_vpc_is_denied if {
	t := json.patch(if_tpl, [{"op": "replace", "path": "/Parameters/Env", "value": {"Type": "String", "Default": "dev"}}])
	some v in cfn.variants(t)
	some r in canary_in_vpc.deny with input as v.template
	r.resource == "C"
}

test_cdk_canary_in_vpc_passes if {
	count(canary_in_vpc.deny) == 0 with input as tpl({"ApiCanaryDF7961FA": {
		"Type": "AWS::Synthetics::Canary",
		"Properties": {
			"Name": "payments-api",
			"ArtifactS3Location": {"Fn::Join": ["", ["s3://", {"Ref": "CanaryArtifacts16B34762"}]]},
			"ExecutionRoleArn": {"Fn::GetAtt": ["ApiCanaryServiceRole1A2B3C4D", "Arn"]},
			"RuntimeVersion": "syn-nodejs-puppeteer-9.1",
			"Schedule": {"Expression": "rate(5 minutes)"},
			"StartCanaryAfterCreation": true,
			"Code": {"Handler": "index.handler", "Script": "exports.handler = async () => {};"},
			"VPCConfig": {
				"SecurityGroupIds": [{"Fn::GetAtt": ["ApiCanarySecurityGroup1A2B3C4D", "GroupId"]}],
				"SubnetIds": [{"Ref": "VpcisolatedSubnet1SubnetE62B1B9B"}, {"Ref": "VpcisolatedSubnet2Subnet39217055"}],
				"VpcId": {"Ref": "Vpc8378EB38"},
			},
		},
		"Metadata": {"aws:cdk:path": "app/ApiCanary/Resource"},
	}})
}
