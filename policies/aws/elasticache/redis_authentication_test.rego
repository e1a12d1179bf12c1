package regent.aws.elasticache.redis_authentication_test

import rego.v1

import data.regent.aws.elasticache.redis_authentication as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({"ReplicationGroupDescription": "s", "TransitEncryptionEnabled": true}, props)}

test_group_without_auth_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"Engine": "redis"})})
	r.resource == "Rg"
	r.path == ["Properties"]
	contains(r.msg, "redis replication group accepts unauthenticated connections")
}

test_rbac_and_auth_token_pass if {
	count(control.deny) == 0 with input as tpl({
		"Rbac": rg({"Engine": "valkey", "UserGroupIds": [{"Ref": "UserGroup"}]}),
		"Token": rg({"AuthToken": "{{resolve:secretsmanager:redis-auth:SecretString:token}}"}),
	})
}

test_default_engine_is_redis if {
	some r in control.deny with input as tpl({"Rg": rg({})})
	contains(r.msg, "redis replication group")
}

test_empty_token_and_group_list_are_denied if {
	results := control.deny with input as tpl({"A": rg({"AuthToken": ""}), "B": rg({"UserGroupIds": []})})
	count(results) == 2
}

test_global_secondary_and_odd_engines_are_skipped if {
	count(control.deny) == 0 with input as tpl({
		"Secondary": rg({"GlobalReplicationGroupId": "abc-global"}),
		"Odd": rg({"Engine": 7}),
	})
}

if_tpl := {
	"Conditions": {"Secure": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Rg": rg({"UserGroupIds": {"Fn::If": ["Secure", [{"Ref": "UserGroup"}], {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_users_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Secure == false
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_branch_with_users_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Secure == true
	count(control.deny) == 0 with input as v.template
}

test_noecho_parameter_token_passes if {
	t := {"Parameters": {"Token": {"Type": "String", "NoEcho": true, "Default": "0123456789abcdef0123"}}, "Resources": {"Rg": rg({"AuthToken": {"Ref": "Token"}})}}
	some v in cfn.variants(t)
	count(control.deny) == 0 with input as v.template
}

test_cdk_group_without_auth_is_denied if {
	t := tpl({"CacheReplicationGroup3F2D1C0B": {
		"Type": "AWS::ElastiCache::ReplicationGroup",
		"Properties": {"CacheNodeType": "cache.t4g.small", "Engine": "redis", "NumCacheClusters": 2, "ReplicationGroupDescription": "cache", "TransitEncryptionEnabled": true},
		"Metadata": {"aws:cdk:path": "app/Cache/ReplicationGroup"},
	}})
	some r in control.deny with input as t
	r.resource == "CacheReplicationGroup3F2D1C0B"
}
