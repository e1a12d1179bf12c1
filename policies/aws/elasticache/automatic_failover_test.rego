package regent.aws.elasticache.automatic_failover_test

import rego.v1

import data.regent.aws.elasticache.automatic_failover as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({"ReplicationGroupDescription": "s", "Engine": "redis", "NumCacheClusters": 2}, props)}

test_group_without_failover_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({})})
	r.resource == "Rg"
	r.path == ["Properties"]
	contains(r.msg, "AutomaticFailoverEnabled, MultiAZEnabled not true")
}

test_multi_az_failover_passes if {
	count(control.deny) == 0 with input as tpl({"Rg": rg({"AutomaticFailoverEnabled": true, "MultiAZEnabled": "true"})})
}

test_failover_without_multi_az_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"AutomaticFailoverEnabled": true, "MultiAZEnabled": false})})
	r.path == ["Properties", "MultiAZEnabled"]
	contains(r.msg, "(MultiAZEnabled not true)")
}

test_explicit_false_points_at_property if {
	some r in control.deny with input as tpl({"Rg": rg({"AutomaticFailoverEnabled": false, "MultiAZEnabled": true})})
	r.path == ["Properties", "AutomaticFailoverEnabled"]
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": rg({"AutomaticFailoverEnabled": 1, "MultiAZEnabled": 1}), "B": {"Type": "AWS::ElastiCache::ReplicationGroup"}})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Ha": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Rg": rg({"AutomaticFailoverEnabled": {"Fn::If": ["Ha", true, false]}, "MultiAZEnabled": {"Fn::If": ["Ha", true, false]}})},
}

test_single_az_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Ha == false
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_multi_az_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Ha == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"MultiAz": {"Type": "String", "Default": "false"}}, "Resources": {"Rg": rg({"AutomaticFailoverEnabled": true, "MultiAZEnabled": {"Ref": "MultiAz"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.path == ["Properties", "MultiAZEnabled"]
}

test_cdk_group_is_denied if {
	t := tpl({"SessionsReplicationGroup7C4F5B7A": {
		"Type": "AWS::ElastiCache::ReplicationGroup",
		"Properties": {"AutomaticFailoverEnabled": false, "CacheNodeType": "cache.t4g.small", "Engine": "redis", "NumCacheClusters": 1, "ReplicationGroupDescription": "sessions"},
		"Metadata": {"aws:cdk:path": "app/Sessions/ReplicationGroup"},
	}})
	some r in control.deny with input as t
	r.resource == "SessionsReplicationGroup7C4F5B7A"
}
