package regent.aws.elbv2.alb_access_logs_test

import rego.v1

import data.regent.aws.elbv2.alb_access_logs as logs
import data.regent.cfn

tpl(resources) := {"Resources": resources}

lb(attrs) := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Scheme": "internet-facing", "LoadBalancerAttributes": attrs}}

enabled := [{"Key": "access_logs.s3.enabled", "Value": "true"}, {"Key": "access_logs.s3.bucket", "Value": {"Ref": "LogBucket"}}]

test_alb_without_access_logs_is_denied if {
	some r in logs.deny with input as tpl({"Alb": lb([{"Key": "deletion_protection.enabled", "Value": "true"}])})
	r.resource == "Alb"
	r.path == ["Properties", "LoadBalancerAttributes"]
	contains(r.msg, "access_logs.s3.enabled is not set")
}

test_disabled_access_logs_are_denied_on_the_attribute if {
	some r in logs.deny with input as tpl({"Alb": lb([{"Key": "access_logs.s3.enabled", "Value": "false"}])})
	r.path == ["Properties", "LoadBalancerAttributes", 0, "Value"]
	contains(r.msg, "is false")
}

test_enabled_access_logs_pass if {
	count(logs.deny) == 0 with input as tpl({"Alb": lb(enabled)})
	count(logs.deny) == 0 with input as tpl({"Alb": lb([{"Key": "access_logs.s3.enabled", "Value": true}])})
}

test_network_load_balancers_are_skipped if {
	nlb := {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {"Type": "network"}}
	count(logs.deny) == 0 with input as tpl({"Nlb": nlb})
}

test_missing_attributes_are_denied if {
	some r in logs.deny with input as tpl({"Alb": {"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": {}}})
	r.resource == "Alb"
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Alb": lb([{"Key": "access_logs.s3.enabled", "Value": {"Fn::If": ["IsProd", "true", "false"]}}])},
}

test_disabled_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in logs.deny with input as v.template
	r.resource == "Alb"
}

test_enabled_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(logs.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {
		"Parameters": {"Logs": {"Type": "String", "Default": "false"}},
		"Resources": {"Alb": lb([{"Key": "access_logs.s3.enabled", "Value": {"Ref": "Logs"}}])},
	}
	some v in cfn.variants(t)
	some r in logs.deny with input as v.template
	r.resource == "Alb"
}

test_cdk_style_template_is_denied if {
	t := tpl({"Alb16C2F182": {
		"Type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
		"Properties": {
			"LoadBalancerAttributes": [{"Key": "deletion_protection.enabled", "Value": "false"}],
			"Scheme": "internet-facing",
			"SecurityGroups": [{"Fn::GetAtt": ["AlbSecurityGroup580F65A6", "GroupId"]}],
			"Type": "application",
		},
		"Metadata": {"aws:cdk:path": "web/Alb/Resource"},
	}})
	some r in logs.deny with input as t
	r.resource == "Alb16C2F182"
}
