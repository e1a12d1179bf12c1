package regent.aws.ecs.cluster_container_insights_test

import rego.v1

import data.regent.aws.ecs.cluster_container_insights as insights
import data.regent.cfn

tpl(resources) := {"Resources": resources}

cluster(value) := {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterSettings": [{"Name": "containerInsights", "Value": value}]}}

test_disabled_insights_are_denied if {
	some r in insights.deny with input as tpl({"Cluster": cluster("disabled")})
	r.resource == "Cluster"
	r.path == ["Properties", "ClusterSettings", 0, "Value"]
	contains(r.msg, "\"disabled\"")
}

test_enabled_and_enhanced_pass if {
	count(insights.deny) == 0 with input as tpl({"A": cluster("enabled"), "B": cluster("enhanced"), "C": cluster("ENHANCED")})
}

test_missing_setting_is_denied if {
	some r in insights.deny with input as tpl({"Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {}}})
	r.path == ["Properties", "ClusterSettings"]
	contains(r.msg, "no containerInsights cluster setting")
}

test_other_settings_only_are_denied if {
	t := tpl({"Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterSettings": [{"Name": "other", "Value": "enabled"}]}}})
	some r in insights.deny with input as t
	r.resource == "Cluster"
}

test_wrong_value_types_are_denied if {
	some r in insights.deny with input as tpl({"Cluster": cluster(true)})
	contains(r.msg, "set to true")
}

test_missing_value_is_denied if {
	t := tpl({"Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterSettings": [{"Name": "containerInsights"}]}}})
	some r in insights.deny with input as t
	contains(r.msg, "unset")
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Cluster": cluster({"Fn::If": ["IsProd", "enhanced", "disabled"]})},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in insights.deny with input as v.template
	r.resource == "Cluster"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(insights.deny) == 0 with input as v.template
}

test_parameter_default_disabled_is_denied if {
	t := {
		"Parameters": {"Insights": {"Type": "String", "Default": "disabled"}},
		"Resources": {"Cluster": cluster({"Ref": "Insights"})},
	}
	some v in cfn.variants(t)
	some r in insights.deny with input as v.template
	r.resource == "Cluster"
}

test_cdk_style_template_is_denied if {
	t := tpl({"ClusterEB0386A7": object.union(cluster("disabled"), {"Metadata": {"aws:cdk:path": "web/Cluster/Resource"}})})
	some r in insights.deny with input as t
	r.resource == "ClusterEB0386A7"
}
