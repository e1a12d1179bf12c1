package regent.aws.elasticache.at_rest_kms_encryption_test

import rego.v1

import data.regent.aws.elasticache.at_rest_kms_encryption as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({
	"ReplicationGroupDescription": "sessions", "Engine": "redis", "CacheNodeType": "cache.t4g.small", "NumCacheClusters": 2,
}, props)}

cmk := {"Fn::GetAtt": ["CacheKey", "Arn"]}

test_unencrypted_replication_group_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"AtRestEncryptionEnabled": false})})
	r.resource == "Rg"
	r.path == ["Properties", "AtRestEncryptionEnabled"]
	r.severity == "high"
	contains(r.msg, "replication group is not encrypted at rest")
}

test_cmk_replication_group_passes if {
	count(control.deny) == 0 with input as tpl({
		"Rg": rg({"AtRestEncryptionEnabled": true, "KmsKeyId": cmk}),
		"Rg2": rg({"AtRestEncryptionEnabled": "true", "KmsKeyId": {"Ref": "CacheKey"}}),
	})
}

test_missing_setting_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({})})
	r.path == ["Properties"]
	r.severity == "high"
}

test_aws_managed_key_is_medium if {
	some r in control.deny with input as tpl({"Rg": rg({"AtRestEncryptionEnabled": true})})
	r.severity == "medium"
	contains(r.msg, "AWS-managed ElastiCache key (no KmsKeyId)")
}

test_serverless_cache_needs_a_key if {
	sc := {"Type": "AWS::ElastiCache::ServerlessCache", "Properties": {"ServerlessCacheName": "s", "Engine": "valkey"}}
	some r in control.deny with input as tpl({"Sc": sc})
	r.severity == "medium"
	r.path == ["Properties"]
	contains(r.msg, "serverless cache")
	count(control.deny) == 0 with input as tpl({"Sc": {"Type": "AWS::ElastiCache::ServerlessCache", "Properties": {"Engine": "valkey", "KmsKeyId": cmk}}})
}

test_standalone_redis_cluster_is_denied_memcached_is_not if {
	results := control.deny with input as tpl({
		"Redis": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "Redis", "CacheNodeType": "cache.t3.micro", "NumCacheNodes": 1}},
		"Member": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "redis", "ReplicationGroupId": {"Ref": "Rg"}}},
		"Memcached": {"Type": "AWS::ElastiCache::CacheCluster", "Properties": {"Engine": "memcached", "NumCacheNodes": 2}},
	})
	count(results) == 1
	some r in results
	r.resource == "Redis"
	contains(r.msg, "stand-alone redis cache cluster")
}

test_global_secondary_is_skipped if {
	count(control.deny) == 0 with input as tpl({"Secondary": rg({"GlobalReplicationGroupId": "ldgnf-global"})})
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": rg({"AtRestEncryptionEnabled": "yes"}), "B": {"Type": "AWS::ElastiCache::ReplicationGroup"}})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Rg": rg({"AtRestEncryptionEnabled": {"Fn::If": ["Prod", true, false]}, "KmsKeyId": cmk})},
}

test_unencrypted_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.severity == "high"
}

test_encrypted_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_aws_key_is_medium if {
	t := {
		"Parameters": {"Key": {"Type": "String", "Default": "alias/aws/elasticache"}},
		"Resources": {"Rg": rg({"AtRestEncryptionEnabled": true, "KmsKeyId": {"Ref": "Key"}})},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	contains(r.msg, "alias/aws/elasticache")
}

test_cdk_replication_group_passes if {
	t := tpl({"SessionsReplicationGroup7C4F5B7A": {
		"Type": "AWS::ElastiCache::ReplicationGroup",
		"Properties": {
			"AtRestEncryptionEnabled": true,
			"AutomaticFailoverEnabled": true,
			"CacheSubnetGroupName": {"Ref": "SessionsSubnets"},
			"Engine": "redis",
			"KmsKeyId": {"Fn::GetAtt": ["CacheKey1A2B3C4D", "Arn"]},
			"ReplicationGroupDescription": "sessions",
			"TransitEncryptionEnabled": true,
		},
		"Metadata": {"aws:cdk:path": "app/Sessions/ReplicationGroup"},
	}})
	count(control.deny) == 0 with input as t
}
