# METADATA
# title: ElastiCache Redis and Valkey caches keep automatic backups
# description: >-
#   Without automatic snapshots (`SnapshotRetentionLimit` 0, the default) a
#   node failure without replicas, a `FLUSHALL` by a compromised client or a
#   bad deployment loses everything the cache holds; for caches used as a
#   session or queue store that is user-visible data loss. Memcached keeps
#   no snapshots and is not checked.
# custom:
#   id: ELASTICACHE.004
#   severity: medium
#   resource_types: [AWS::ElastiCache::ReplicationGroup, AWS::ElastiCache::CacheCluster]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, CP-10]
#     soc2: [A1.2]
#   remediation: |-
#     Set `SnapshotRetentionLimit` to 1 or more days (with a `SnapshotWindow` outside peak hours) on the replication group or stand-alone cache cluster.
#     ```ts
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small',
#       snapshotRetentionLimit: 7,
#       snapshotWindow: '03:00-04:00',
#     });
#     ```
#   aliases:
#     control_tower: [CT.ELASTICACHE.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.automatic_backups

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	props := object.get(r, "Properties", {})
	engine(props, "redis") in {"redis", "valkey"}
	result := check(id, "replication group", props)
}

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::CacheCluster")
	props := object.get(r, "Properties", {})
	not props.ReplicationGroupId
	engine(props, "") in {"redis", "valkey"}
	result := check(id, "cache cluster", props)
}

check(id, kind, props) := {
	"msg": sprintf("%s: ElastiCache %s keeps no automatic backups (SnapshotRetentionLimit is %v); expected SnapshotRetentionLimit of at least 1 day", [id, kind, object.get(props, "SnapshotRetentionLimit", "not set")]),
	"resource": id,
	"path": path(props),
} if {
	not retention(props) > 0
}

retention(props) := aws_iam.as_number(props.SnapshotRetentionLimit)

# The engine in lower case; default when the property is missing.
engine(props, default_engine) := lower(props.Engine) if {
	is_string(props.Engine)
} else := default_engine if {
	not props.Engine
}

path(props) := ["Properties", "SnapshotRetentionLimit"] if {
	"SnapshotRetentionLimit" in object.keys(props)
} else := ["Properties"]
