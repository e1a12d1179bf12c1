# METADATA
# title: API Gateway stage caches must be encrypted
# description: >-
#   When response caching is enabled, API responses (which may contain
#   personal or payment data) are stored in the stage's cache cluster.
#   Without `CacheDataEncrypted: true` they are stored unencrypted at rest.
# custom:
#   id: APIGW.003
#   severity: medium
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGateway::Deployment]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1)]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `CacheDataEncrypted: true` in every `MethodSettings` entry that sets
#     `CachingEnabled: true` (for a deployment's `StageDescription`, also at
#     its top level).
#     ```ts
#     new apigw.RestApi(this, 'Api', {
#       deployOptions: { cachingEnabled: true, cacheDataEncrypted: true },
#     });
#     ```
#   aliases:
#     control_tower: [CT.APIGATEWAY.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.stage_cache_encryption

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# MethodSettings entries that cache without encryption.
deny contains result if {
	some id, stage in aws_web.rest_api_stages
	some i, m in cfn.as_array(object.get(stage.settings, "MethodSettings", []))
	is_object(m)
	aws_web.may_be_true(object.get(m, "CachingEnabled", null))
	not encrypted_elsewhere(stage.settings, m)
	aws_web.may_be_not_true(object.get(m, "CacheDataEncrypted", null))
	result := {
		"msg": sprintf("API Gateway stage %s caches responses for %v %v without encrypting the cache (CacheDataEncrypted is not true)", [id, object.get(m, "HttpMethod", "?"), object.get(m, "ResourcePath", "?")]),
		"resource": id,
		"path": array.concat(stage.base, ["MethodSettings", i, "CacheDataEncrypted"]),
	}
}

# A deployment's StageDescription switches caching on for every method.
deny contains result if {
	some id, stage in aws_web.rest_api_stages
	stage.base == ["Properties", "StageDescription"]
	aws_web.may_be_true(object.get(stage.settings, "CachingEnabled", null))
	aws_web.may_be_not_true(object.get(stage.settings, "CacheDataEncrypted", null))
	result := {
		"msg": sprintf("API Gateway stage %s caches responses without encrypting the cache (CacheDataEncrypted is not true)", [id]),
		"resource": id,
		"path": array.concat(stage.base, ["CacheDataEncrypted"]),
	}
}

# Another entry for the same method and resource path sets encryption.
encrypted_elsewhere(settings, m) if {
	some other in cfn.as_array(object.get(settings, "MethodSettings", []))
	is_object(other)
	object.get(other, "HttpMethod", "") == object.get(m, "HttpMethod", "")
	object.get(other, "ResourcePath", "") == object.get(m, "ResourcePath", "")
	not aws_web.may_be_not_true(object.get(other, "CacheDataEncrypted", null))
}
