package regent.aws.elasticache.transit_encryption_test

import rego.v1

import data.regent.aws.elasticache.transit_encryption as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({"ReplicationGroupDescription": "s", "Engine": "redis"}, props)}

cc(props) := {"Type": "AWS::ElastiCache::CacheCluster", "Properties": object.union({"CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}, props)}

test_plain_replication_group_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"TransitEncryptionEnabled": false})})
	r.resource == "Rg"
	r.path == ["Properties", "TransitEncryptionEnabled"]
	contains(r.msg, "does not encrypt connections")
}

test_tls_replication_group_passes if {
	count(control.deny) == 0 with input as tpl({
		"A": rg({"TransitEncryptionEnabled": true}),
		"B": rg({"TransitEncryptionEnabled": "true", "TransitEncryptionMode": "required"}),
	})
}

test_preferred_mode_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"})})
	r.path == ["Properties", "TransitEncryptionMode"]
	contains(r.msg, "TransitEncryptionMode: preferred")
}

test_standalone_cluster_is_checked_members_are_not if {
	results := control.deny with input as tpl({
		"Memcached": cc({"Engine": "memcached"}),
		"Tls": cc({"Engine": "memcached", "TransitEncryptionEnabled": true}),
		"Member": cc({"Engine": "redis", "ReplicationGroupId": {"Ref": "Rg"}}),
	})
	count(results) == 1
	some r in results
	r.resource == "Memcached"
	r.path == ["Properties"]
}

test_global_secondary_is_skipped if {
	count(control.deny) == 0 with input as tpl({"Secondary": rg({"GlobalReplicationGroupId": "xyz-global"})})
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": rg({"TransitEncryptionEnabled": "on"}), "B": {"Type": "AWS::ElastiCache::ReplicationGroup"}, "C": rg({"TransitEncryptionEnabled": true, "TransitEncryptionMode": 1})})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Migrating": {"Fn::Equals": [{"Ref": "Phase"}, "migrate"]}},
	"Parameters": {"Phase": {"Type": "String", "AllowedValues": ["migrate", "done"]}},
	"Resources": {"Rg": rg({"TransitEncryptionEnabled": true, "TransitEncryptionMode": {"Fn::If": ["Migrating", "preferred", "required"]}})},
}

test_preferred_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Migrating == true
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_required_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Migrating == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Tls": {"Type": "String", "Default": "false"}}, "Resources": {"Rg": rg({"TransitEncryptionEnabled": {"Ref": "Tls"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_cdk_replication_group_without_tls_is_denied if {
	t := tpl({"RedisReplicationGroup0B5C7D1E": {
		"Type": "AWS::ElastiCache::ReplicationGroup",
		"Properties": {
			"AtRestEncryptionEnabled": true, "CacheNodeType": "cache.t4g.small", "Engine": "redis",
			"ReplicationGroupDescription": "cache", "SecurityGroupIds": [{"Fn::GetAtt": ["RedisSg", "GroupId"]}],
		},
		"Metadata": {"aws:cdk:path": "app/Redis/ReplicationGroup"},
	}})
	some r in control.deny with input as t
	r.resource == "RedisReplicationGroup0B5C7D1E"
}
