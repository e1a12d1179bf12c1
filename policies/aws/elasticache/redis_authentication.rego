# METADATA
# title: ElastiCache Redis and Valkey replication groups require authentication
# description: >-
#   A Redis or Valkey replication group without an AUTH token or RBAC user
#   groups accepts every connection that reaches its port: any compromised
#   instance, container or function in the VPC can read every cached
#   session and token, overwrite data or flush the cache. Role-based access
#   control (`UserGroupIds`) or at least an AUTH token (`AuthToken`, which
#   needs in-transit encryption) makes clients authenticate.
# custom:
#   id: ELASTICACHE.003
#   severity: high
#   resource_types: [AWS::ElastiCache::ReplicationGroup]
#   threats: [T03, T07]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [IA-2, AC-3]
#     soc2: [CC6.1]
#   remediation: |-
#     Attach RBAC user groups (`UserGroupIds`) or set an `AuthToken` from a Secrets Manager dynamic reference, with `TransitEncryptionEnabled: true`.
#     ```ts
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small',
#       transitEncryptionEnabled: true,
#       userGroupIds: [userGroup.ref],
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_31]
#     cdk_nag: [AwsSolutions-AEC6]
#     control_tower: [CT.ELASTICACHE.PR.7, CT.ELASTICACHE.PR.8]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.redis_authentication

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	props := object.get(r, "Properties", {})
	engine(props) in {"redis", "valkey"}
	not global_secondary(props)
	not has_auth_token(props)
	not has_user_groups(props)
	result := {
		"msg": sprintf("%s: ElastiCache %s replication group accepts unauthenticated connections (no AuthToken, no UserGroupIds); expected RBAC user groups or an AUTH token", [id, engine(props)]),
		"resource": id,
		"path": ["Properties"],
	}
}

# The engine defaults to Redis.
engine(props) := lower(props.Engine) if {
	is_string(props.Engine)
} else := "redis" if {
	not props.Engine
}

has_auth_token(props) if {
	token := props.AuthToken
	token != ""
	token != null
}

has_user_groups(props) if count(cfn.as_array(props.UserGroupIds)) > 0

# Secondary clusters of a global datastore share the primary's users.
global_secondary(props) if props.GlobalReplicationGroupId
