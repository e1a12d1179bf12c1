package regent.aws.elasticache.custom_subnet_group_test

import rego.v1

import data.regent.aws.elasticache.custom_subnet_group as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({"ReplicationGroupDescription": "s", "Engine": "redis"}, props)}

cc(props) := {"Type": "AWS::ElastiCache::CacheCluster", "Properties": object.union({"Engine": "memcached", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}, props)}

test_group_without_subnet_group_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({})})
	r.resource == "Rg"
	r.path == ["Properties"]
	contains(r.msg, "no CacheSubnetGroupName")
}

test_dedicated_subnet_group_passes if {
	count(control.deny) == 0 with input as tpl({
		"Rg": rg({"CacheSubnetGroupName": {"Ref": "CacheSubnets"}}),
		"Cc": cc({"CacheSubnetGroupName": "app-cache-subnets"}),
	})
}

test_default_group_name_is_denied if {
	some r in control.deny with input as tpl({"Cc": cc({"CacheSubnetGroupName": "Default"})})
	r.path == ["Properties", "CacheSubnetGroupName"]
	contains(r.msg, "\"Default\"")
}

test_members_and_global_secondaries_are_skipped if {
	count(control.deny) == 0 with input as tpl({
		"Member": cc({"Engine": "redis", "ReplicationGroupId": {"Ref": "Rg"}}),
		"Secondary": rg({"GlobalReplicationGroupId": "x-global"}),
	})
}

test_serverless_cache_needs_subnets if {
	results := control.deny with input as tpl({
		"NoSubnets": {"Type": "AWS::ElastiCache::ServerlessCache", "Properties": {"Engine": "valkey"}},
		"Subnets": {"Type": "AWS::ElastiCache::ServerlessCache", "Properties": {"Engine": "valkey", "SubnetIds": [{"Ref": "SubnetA"}, {"Ref": "SubnetB"}]}},
	})
	count(results) == 1
	some r in results
	r.resource == "NoSubnets"
}

test_wrongly_typed_values if {
	results := control.deny with input as tpl({"A": rg({"CacheSubnetGroupName": 7}), "B": {"Type": "AWS::ElastiCache::CacheCluster"}})
	count(results) == 1
	some r in results
	r.resource == "B"
}

if_tpl := {
	"Conditions": {"Vpc": {"Fn::Equals": [{"Ref": "Net"}, "vpc"]}},
	"Parameters": {"Net": {"Type": "String", "AllowedValues": ["vpc", "default"]}},
	"Resources": {"Rg": rg({"CacheSubnetGroupName": {"Fn::If": ["Vpc", {"Ref": "CacheSubnets"}, {"Ref": "AWS::NoValue"}]}})},
}

test_default_vpc_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Vpc == false
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_dedicated_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Vpc == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_name_is_denied if {
	t := {"Parameters": {"Group": {"Type": "String", "Default": "default"}}, "Resources": {"Rg": rg({"CacheSubnetGroupName": {"Ref": "Group"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_cdk_group_with_subnet_group_passes if {
	t := tpl({
		"CacheSubnets5A9C3E21": {"Type": "AWS::ElastiCache::SubnetGroup", "Properties": {"Description": "cache", "SubnetIds": [{"Ref": "VpcisolatedSubnet1SubnetE62B1B9B"}]}},
		"SessionsReplicationGroup7C4F5B7A": {
			"Type": "AWS::ElastiCache::ReplicationGroup",
			"Properties": {"CacheSubnetGroupName": {"Ref": "CacheSubnets5A9C3E21"}, "Engine": "redis", "ReplicationGroupDescription": "sessions"},
			"Metadata": {"aws:cdk:path": "app/Sessions/ReplicationGroup"},
		},
	})
	count(control.deny) == 0 with input as t
}
