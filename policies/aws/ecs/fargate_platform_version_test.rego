package regent.aws.ecs.fargate_platform_version_test

import rego.v1

import data.regent.aws.ecs.fargate_platform_version as platform
import data.regent.cfn

tpl(resources) := {"Resources": resources}

service(version) := {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE", "PlatformVersion": version}}

test_old_platform_version_is_denied if {
	some r in platform.deny with input as tpl({"Svc": service("1.3.0")})
	r.resource == "Svc"
	r.path == ["Properties", "PlatformVersion"]
	contains(r.msg, "1.3.0")
}

test_current_versions_pass if {
	count(platform.deny) == 0 with input as tpl({
		"A": service("LATEST"),
		"B": service("1.4.0"),
		"C": {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE"}},
	})
}

test_capacity_provider_fargate_spot_is_checked if {
	t := tpl({"Svc": {"Type": "AWS::ECS::Service", "Properties": {
		"CapacityProviderStrategy": [{"CapacityProvider": "FARGATE_SPOT", "Weight": 1}],
		"PlatformVersion": "1.2.0",
	}}})
	some r in platform.deny with input as t
	r.resource == "Svc"
}

test_ec2_and_windows_services_are_skipped if {
	t := tpl({
		"Ec2": {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "EC2", "PlatformVersion": "1.3.0"}},
		"Win": {"Type": "AWS::ECS::Service", "Properties": {"LaunchType": "FARGATE", "PlatformVersion": "1.0.0", "TaskDefinition": {"Ref": "WinTd"}}},
		"WinTd": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"RuntimePlatform": {"OperatingSystemFamily": "WINDOWS_SERVER_2019_CORE"}}},
	})
	count(platform.deny) == 0 with input as t
}

test_malformed_versions_are_ignored if {
	count(platform.deny) == 0 with input as tpl({"A": service(1.3), "B": service("1.3"), "C": service("v1.3.0")})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Svc": service({"Fn::If": ["IsProd", "LATEST", "1.3.0"]})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in platform.deny with input as v.template
	r.resource == "Svc"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(platform.deny) == 0 with input as v.template
}

test_parameter_default_old_version_is_denied if {
	t := {
		"Parameters": {"Platform": {"Type": "String", "Default": "1.3.0"}},
		"Resources": {"Svc": service({"Ref": "Platform"})},
	}
	some v in cfn.variants(t)
	some r in platform.deny with input as v.template
	r.resource == "Svc"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"ServiceD69D759B": {
			"Type": "AWS::ECS::Service",
			"Properties": {"LaunchType": "FARGATE", "PlatformVersion": "1.3.0", "TaskDefinition": {"Ref": "TaskDef54694570"}},
			"Metadata": {"aws:cdk:path": "web/Service/Service"},
		},
		"TaskDef54694570": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"RequiresCompatibilities": ["FARGATE"]}},
	})
	some r in platform.deny with input as t
	r.resource == "ServiceD69D759B"
}
