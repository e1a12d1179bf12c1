package regent.aws.elasticache.auth_token_plaintext_test

import rego.v1

import data.regent.aws.elasticache.auth_token_plaintext as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

rg(props) := {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": object.union({"ReplicationGroupDescription": "s", "Engine": "redis", "TransitEncryptionEnabled": true}, props)}

test_literal_token_is_denied if {
	some r in control.deny with input as tpl({"Rg": rg({"AuthToken": "correct-horse-battery-staple"})})
	r.resource == "Rg"
	r.path == ["Properties", "AuthToken"]
	contains(r.msg, "literal value")
}

test_dynamic_reference_passes if {
	count(control.deny) == 0 with input as tpl({"Rg": rg({"AuthToken": "{{resolve:secretsmanager:redis-auth:SecretString:token}}"})})
}

test_parameter_without_noecho_is_denied if {
	t := {"Parameters": {"Token": {"Type": "String"}}, "Resources": {"Rg": rg({"AuthToken": {"Ref": "Token"}})}}
	some r in control.deny with input as t
	contains(r.msg, "Ref to parameter Token without NoEcho")
}

test_noecho_parameter_passes if {
	t := {"Parameters": {"Token": {"Type": "String", "NoEcho": true}}, "Resources": {"Rg": rg({"AuthToken": {"Ref": "Token"}})}}
	count(control.deny) == 0 with input as t
}

test_missing_empty_or_odd_tokens_pass if {
	count(control.deny) == 0 with input as tpl({"A": rg({}), "B": rg({"AuthToken": ""}), "C": rg({"AuthToken": 1234567890123456})})
}

if_tpl := {
	"Conditions": {"Dev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
	"Resources": {"Rg": rg({"AuthToken": {"Fn::If": ["Dev", "dev-token-0123456789", "{{resolve:secretsmanager:redis-auth:SecretString:token}}"]}})},
}

test_literal_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Dev == true
	some r in control.deny with input as v.template
	r.resource == "Rg"
}

test_secret_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Dev == false
	count(control.deny) == 0 with input as v.template
}

test_cdk_secret_reference_passes if {
	t := tpl({"SessionsReplicationGroup7C4F5B7A": {
		"Type": "AWS::ElastiCache::ReplicationGroup",
		"Properties": {
			"AuthToken": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "RedisAuth6E1D4F2A"}, ":SecretString:::}}"]]},
			"Engine": "redis", "ReplicationGroupDescription": "sessions", "TransitEncryptionEnabled": true,
		},
		"Metadata": {"aws:cdk:path": "app/Sessions/ReplicationGroup"},
	}})
	count(control.deny) == 0 with input as t
}
