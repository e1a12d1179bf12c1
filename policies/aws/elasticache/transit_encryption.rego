# METADATA
# title: ElastiCache encrypts connections in transit
# description: >-
#   Without in-transit encryption, clients talk to Redis, Valkey or
#   Memcached in clear text: cached sessions, tokens, personal data and the
#   AUTH token itself can be read or altered by anything that can observe
#   VPC traffic. `TransitEncryptionMode: preferred` still accepts plain
#   connections and only serves migrations. Serverless caches always use
#   TLS and are not checked.
# custom:
#   id: ELASTICACHE.002
#   severity: high
#   resource_types: [AWS::ElastiCache::ReplicationGroup, AWS::ElastiCache::CacheCluster]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-13]
#     soc2: [CC6.7]
#   remediation: |-
#     Set `TransitEncryptionEnabled: true` (and `TransitEncryptionMode: required`, the default) on the replication group or stand-alone cache cluster, and connect with TLS.
#     ```ts
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small',
#       transitEncryptionEnabled: true,
#       transitEncryptionMode: 'required',
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_30]
#     cdk_nag: [AwsSolutions-AEC3]
#     control_tower: [CT.ELASTICACHE.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.transit_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	props := object.get(r, "Properties", {})
	not global_secondary(props)
	problem := issue(props)
	result := finding(id, "replication group", problem, props)
}

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::CacheCluster")
	props := object.get(r, "Properties", {})
	not props.ReplicationGroupId
	problem := issue(props)
	result := finding(id, "cache cluster", problem, props)
}

finding(id, kind, [problem, property], props) := {
	"msg": sprintf("%s: ElastiCache %s %s; expected TransitEncryptionEnabled: true with TransitEncryptionMode: required", [id, kind, problem]),
	"resource": id,
	"path": path(props, property),
}

issue(props) := ["does not encrypt connections (TransitEncryptionEnabled is not true)", "TransitEncryptionEnabled"] if {
	not aws_iam.is_true(object.get(props, "TransitEncryptionEnabled", false))
} else := ["still accepts unencrypted connections (TransitEncryptionMode: preferred)", "TransitEncryptionMode"] if {
	is_string(props.TransitEncryptionMode)
	lower(props.TransitEncryptionMode) == "preferred"
}

global_secondary(props) if {
	props.GlobalReplicationGroupId
	not "TransitEncryptionEnabled" in object.keys(props)
}

path(props, property) := ["Properties", property] if {
	is_object(props)
	property in object.keys(props)
} else := ["Properties"]
