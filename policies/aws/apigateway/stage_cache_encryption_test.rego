package regent.aws.apigateway.stage_cache_encryption_test

import rego.v1

import data.regent.aws.apigateway.stage_cache_encryption
import data.regent.cfn

tpl(resources) := {"Resources": resources}

stage(settings) := {"Type": "AWS::ApiGateway::Stage", "Properties": {"StageName": "prod", "MethodSettings": settings}}

test_caching_without_encryption_is_denied if {
	some r in stage_cache_encryption.deny with input as tpl({"S": stage([{"HttpMethod": "*", "ResourcePath": "/*", "CachingEnabled": true, "CacheDataEncrypted": false}])})
	r.resource == "S"
	r.path == ["Properties", "MethodSettings", 0, "CacheDataEncrypted"]
	contains(r.msg, "without encrypting the cache")
}

test_encrypted_cache_passes if {
	count(stage_cache_encryption.deny) == 0 with input as tpl({"S": stage([{"HttpMethod": "*", "ResourcePath": "/*", "CachingEnabled": true, "CacheDataEncrypted": true}])})
}

test_no_caching_passes if {
	count(stage_cache_encryption.deny) == 0 with input as tpl({"S": stage([{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "INFO"}])})
}

test_string_booleans_are_understood if {
	some r in stage_cache_encryption.deny with input as tpl({"S": stage([{"HttpMethod": "GET", "ResourcePath": "/a", "CachingEnabled": "true", "CacheDataEncrypted": "false"}])})
	r.resource == "S"
	count(stage_cache_encryption.deny) == 0 with input as tpl({"S": stage([{"HttpMethod": "GET", "ResourcePath": "/a", "CachingEnabled": "true", "CacheDataEncrypted": "true"}])})
}

test_encryption_in_another_entry_for_the_same_method_passes if {
	count(stage_cache_encryption.deny) == 0 with input as tpl({"S": stage([
		{"HttpMethod": "*", "ResourcePath": "/*", "CachingEnabled": true},
		{"HttpMethod": "*", "ResourcePath": "/*", "CacheDataEncrypted": true},
	])})
}

test_deployment_stage_description_caching_is_denied if {
	some r in stage_cache_encryption.deny with input as tpl({"D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "abc", "StageName": "prod", "StageDescription": {"CachingEnabled": true}}}})
	r.resource == "D"
	r.path == ["Properties", "StageDescription", "CacheDataEncrypted"]
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"S": stage([{"HttpMethod": "*", "ResourcePath": "/*", "CachingEnabled": true, "CacheDataEncrypted": {"Fn::If": ["IsProd", true, false]}}])},
}

test_branch_without_encryption_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in stage_cache_encryption.deny with input as v.template
	r.resource == "S"
}

test_branch_with_encryption_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(stage_cache_encryption.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {
		"Parameters": {"EncryptCache": {"Type": "String", "Default": "false"}},
		"Resources": {"S": stage([{"HttpMethod": "*", "ResourcePath": "/*", "CachingEnabled": true, "CacheDataEncrypted": {"Ref": "EncryptCache"}}])},
	}
	some v in cfn.variants(t)
	some r in stage_cache_encryption.deny with input as v.template
	r.resource == "S"
}

test_cdk_stage_with_encrypted_cache_passes if {
	count(stage_cache_encryption.deny) == 0 with input as tpl({"PaymentsApiDeploymentStageprod70D57E57": {
		"Type": "AWS::ApiGateway::Stage",
		"Properties": {
			"RestApiId": {"Ref": "PaymentsApi277984FF"},
			"DeploymentId": {"Ref": "PaymentsApiDeployment5E6F7A8B"},
			"StageName": "prod",
			"CacheClusterEnabled": true,
			"MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "CachingEnabled": true, "CacheDataEncrypted": true}],
		},
		"Metadata": {"aws:cdk:path": "app/PaymentsApi/DeploymentStage.prod/Resource"},
	}})
}
