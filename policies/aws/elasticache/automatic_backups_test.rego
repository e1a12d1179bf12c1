package regent.aws.elasticache.automatic_backups_test

import rego.v1

import data.regent.aws.elasticache.automatic_backups as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({"ReplicationGroupDescription": "s", "Engine": "redis"}, props)}

cc(props) := {"Type": "AWS::ElastiCache::CacheCluster", "Properties": object.union({"CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}, props)}

test_group_without_snapshots_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({})})
	r.resource == "Rg"
	r.path == ["Properties"]
	contains(r.msg, "SnapshotRetentionLimit is not set")
}

test_group_with_snapshots_passes if {
	count(control.deny) == 0 with input as tpl({"Rg": rg({"SnapshotRetentionLimit": 7}), "Rg2": rg({"SnapshotRetentionLimit": "1"})})
}

test_zero_retention_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"SnapshotRetentionLimit": "0"})})
	r.path == ["Properties", "SnapshotRetentionLimit"]
}

test_standalone_redis_cluster_is_checked_memcached_is_not if {
	results := control.deny with input as tpl({
		"Redis": cc({"Engine": "redis"}),
		"Memcached": cc({"Engine": "memcached"}),
		"Member": cc({"Engine": "redis", "ReplicationGroupId": {"Ref": "Rg"}}),
	})
	count(results) == 1
	some r in results
	r.resource == "Redis"
	contains(r.msg, "cache cluster")
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": rg({"SnapshotRetentionLimit": "week"}), "B": {"Type": "AWS::ElastiCache::ReplicationGroup"}})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Rg": rg({"SnapshotRetentionLimit": {"Fn::If": ["Prod", 7, 0]}})},
}

test_branch_without_backups_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_branch_with_backups_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_zero_is_denied if {
	t := {"Parameters": {"Days": {"Type": "Number", "Default": 0}}, "Resources": {"Rg": rg({"SnapshotRetentionLimit": {"Ref": "Days"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_cdk_replication_group_is_denied if {
	t := tpl({"SessionsReplicationGroup7C4F5B7A": {
		"Type": "AWS::ElastiCache::ReplicationGroup",
		"Properties": {"CacheNodeType": "cache.t4g.small", "Engine": "valkey", "ReplicationGroupDescription": "sessions", "SnapshotRetentionLimit": 0},
		"Metadata": {"aws:cdk:path": "app/Sessions/ReplicationGroup"},
	}})
	some r in control.deny with input as t
	r.resource == "SessionsReplicationGroup7C4F5B7A"
}
