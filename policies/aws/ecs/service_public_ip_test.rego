package regent.aws.ecs.service_public_ip_test

import rego.v1

import data.regent.aws.ecs.service_public_ip as public_ip
import data.regent.cfn

tpl(resources) := {"Resources": resources}

service(assign) := {"Type": "AWS::ECS::Service", "Properties": {"NetworkConfiguration": {"AwsvpcConfiguration": {
	"AssignPublicIp": assign,
	"Subnets": [{"Ref": "SubnetA"}],
}}}}

test_enabled_public_ip_is_denied if {
	some r in public_ip.deny with input as tpl({"Svc": service("ENABLED")})
	r.resource == "Svc"
	r.path == ["Properties", "NetworkConfiguration", "AwsvpcConfiguration", "AssignPublicIp"]
	contains(r.msg, "public IP addresses")
}

test_disabled_and_default_pass if {
	count(public_ip.deny) == 0 with input as tpl({
		"A": service("DISABLED"),
		"B": {"Type": "AWS::ECS::Service", "Properties": {"NetworkConfiguration": {"AwsvpcConfiguration": {"Subnets": []}}}},
		"C": {"Type": "AWS::ECS::Service", "Properties": {}},
	})
}

test_lower_case_value_is_denied if {
	some r in public_ip.deny with input as tpl({"Svc": service("enabled")})
	r.resource == "Svc"
}

test_wrong_types_are_ignored if {
	count(public_ip.deny) == 0 with input as tpl({"A": service(true), "B": service(["ENABLED"])})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Svc": service({"Fn::If": ["IsProd", "DISABLED", "ENABLED"]})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in public_ip.deny with input as v.template
	r.resource == "Svc"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(public_ip.deny) == 0 with input as v.template
}

test_parameter_default_enabled_is_denied if {
	t := {
		"Parameters": {"PublicIp": {"Type": "String", "Default": "ENABLED"}},
		"Resources": {"Svc": service({"Ref": "PublicIp"})},
	}
	some v in cfn.variants(t)
	some r in public_ip.deny with input as v.template
	r.resource == "Svc"
}

test_cdk_style_template_is_denied if {
	t := tpl({"ServiceD69D759B": {
		"Type": "AWS::ECS::Service",
		"Properties": {
			"Cluster": {"Ref": "ClusterEB0386A7"},
			"TaskDefinition": {"Ref": "TaskDef54694570"},
			"NetworkConfiguration": {"AwsvpcConfiguration": {
				"AssignPublicIp": "ENABLED",
				"SecurityGroups": [{"Fn::GetAtt": ["ServiceSg2632F788", "GroupId"]}],
			}},
		},
		"Metadata": {"aws:cdk:path": "web/Service/Service"},
	}})
	some r in public_ip.deny with input as t
	r.resource == "ServiceD69D759B"
}
