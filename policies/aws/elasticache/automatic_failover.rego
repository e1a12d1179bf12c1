# METADATA
# title: ElastiCache replication groups fail over automatically across Availability Zones
# description: >-
#   Without automatic failover and Multi-AZ, the loss of the primary node or
#   of its Availability Zone leaves the replication group without a writable
#   primary until someone promotes a replica by hand, and everything written
#   since the last snapshot may be lost. Both need at least one replica.
# custom:
#   id: ELASTICACHE.005
#   severity: low
#   resource_types: [AWS::ElastiCache::ReplicationGroup]
#   threats: [T12, T09]
#   mitigations: [M12]
#   frameworks:
#     nist-800-53: [CP-10, SC-36]
#     soc2: [A1.2]
#   remediation: |-
#     Set `AutomaticFailoverEnabled: true` and `MultiAZEnabled: true` with at least one replica (`NumCacheClusters` of 2 or more, or `ReplicasPerNodeGroup` of 1 or more).
#     ```ts
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small',
#       numCacheClusters: 2,
#       automaticFailoverEnabled: true,
#       multiAzEnabled: true,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-AEC4]
#     control_tower: [CT.ELASTICACHE.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.automatic_failover

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	props := object.get(r, "Properties", {})
	missing := [p | some p in ["AutomaticFailoverEnabled", "MultiAZEnabled"]; not aws_iam.is_true(object.get(props, p, false))]
	count(missing) > 0
	result := {
		"msg": sprintf("%s: ElastiCache replication group does not fail over automatically across Availability Zones (%s not true); expected AutomaticFailoverEnabled: true and MultiAZEnabled: true with at least one replica", [id, concat(", ", missing)]),
		"resource": id,
		"path": path(props, missing[0]),
	}
}

path(props, property) := ["Properties", property] if {
	is_object(props)
	property in object.keys(props)
} else := ["Properties"]
