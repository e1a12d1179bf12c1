# METADATA
# title: ElastiCache caches run in a dedicated subnet group
# description: >-
#   A cache cluster or replication group without `CacheSubnetGroupName` (or
#   with the `default` group), and a serverless cache without `SubnetIds`,
#   is placed in the default VPC's subnets, which are public and shared with
#   everything else launched without a network design; the cache is then one
#   security-group mistake away from the internet. A dedicated subnet group
#   on private subnets keeps the cache inside the application's network.
# custom:
#   id: ELASTICACHE.006
#   severity: medium
#   resource_types: [AWS::ElastiCache::CacheCluster, AWS::ElastiCache::ReplicationGroup, AWS::ElastiCache::ServerlessCache]
#   threats: [T07, T03]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#   remediation: |-
#     Create an AWS::ElastiCache::SubnetGroup on private subnets and reference it in `CacheSubnetGroupName` (serverless caches: `SubnetIds`).
#     ```ts
#     const subnets = new elasticache.CfnSubnetGroup(this, 'CacheSubnets', {
#       description: 'private cache subnets',
#       subnetIds: vpc.selectSubnets({ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }).subnetIds,
#     });
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small',
#       cacheSubnetGroupName: subnets.ref,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-AEC1]
#     control_tower: [CT.ELASTICACHE.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.custom_subnet_group

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in input.Resources
	kind := kinds[r.Type]
	props := object.get(r, "Properties", {})
	not member(r)
	not global_secondary(props)
	group := object.get(props, "CacheSubnetGroupName", null)
	default_group(group)
	result := {
		"msg": sprintf("%s: ElastiCache %s runs in the default VPC's subnets (%s); expected CacheSubnetGroupName naming a subnet group on private subnets", [id, kind, what(group)]),
		"resource": id,
		"path": path(props, "CacheSubnetGroupName"),
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ServerlessCache")
	props := object.get(r, "Properties", {})
	count(cfn.as_array(object.get(props, "SubnetIds", []))) == 0
	result := {
		"msg": sprintf("%s: ElastiCache serverless cache runs in the default VPC's subnets (no SubnetIds); expected SubnetIds of private subnets", [id]),
		"resource": id,
		"path": path(props, "SubnetIds"),
	}
}

kinds := {"AWS::ElastiCache::CacheCluster": "cache cluster", "AWS::ElastiCache::ReplicationGroup": "replication group"}

# Cache clusters that belong to a replication group use the group's subnets.
member(r) if r.Properties.ReplicationGroupId

global_secondary(props) if props.GlobalReplicationGroupId

default_group(g) if g == null

default_group(g) if {
	is_string(g)
	lower(g) in {"", "default"}
}

what(null) := "no CacheSubnetGroupName"

what(g) := sprintf("CacheSubnetGroupName is %q", [g]) if g != null

path(props, property) := ["Properties", property] if {
	is_object(props)
	property in object.keys(props)
} else := ["Properties"]
