# METADATA
# title: ElastiCache data at rest is encrypted with a customer-managed KMS key
# description: >-
#   Without at-rest encryption, cache data written to disk and every backup
#   and snapshot are stored in clear text; it cannot be turned on after
#   creation, and stand-alone Redis or Valkey cache clusters cannot have it
#   at all. Without KmsKeyId the AWS-managed key is used (reported as
#   medium). Secondary members of a global datastore inherit the primary's
#   setting.
# custom:
#   id: ELASTICACHE.001
#   severity: high
#   resource_types: [AWS::ElastiCache::ReplicationGroup, AWS::ElastiCache::ServerlessCache, AWS::ElastiCache::CacheCluster]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Use a replication group (or serverless cache) with `AtRestEncryptionEnabled: true` and `KmsKeyId` set to a customer-managed key.
#     ```ts
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions',
#       engine: 'redis', cacheNodeType: 'cache.t4g.small', numCacheClusters: 2,
#       atRestEncryptionEnabled: true,
#       kmsKeyId: key.keyArn,
#       transitEncryptionEnabled: true,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_29, CKV_AWS_191]
#     cdk_nag: [AwsSolutions-AEC3]
#     control_tower: [CT.ELASTICACHE.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.at_rest_kms_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	props := object.get(r, "Properties", {})
	not global_secondary(props)
	[problem, property, severity] := issue(props)
	result := finding(id, "replication group", problem, props, property, severity)
}

# Serverless caches are always encrypted; only the key is checked.
deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ServerlessCache")
	props := object.get(r, "Properties", {})
	not aws_iam.customer_managed_key(object.get(props, "KmsKeyId", null))
	result := finding(id, "serverless cache", key_problem(props), props, "KmsKeyId", "medium")
}

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::CacheCluster")
	props := object.get(r, "Properties", {})
	not props.ReplicationGroupId
	engine(props) in {"redis", "valkey"}
	result := {
		"msg": sprintf("%s: stand-alone %s cache cluster cannot encrypt its data or snapshots at rest; expected a replication group with AtRestEncryptionEnabled: true and a customer-managed KmsKeyId", [id, engine(props)]),
		"resource": id,
		"path": ["Properties"],
	}
}

finding(id, kind, problem, props, property, severity) := {
	"msg": sprintf("%s: ElastiCache %s %s; expected AtRestEncryptionEnabled: true with a customer-managed KmsKeyId", [id, kind, problem]),
	"resource": id,
	"path": path(props, property),
	"severity": severity,
}

# [what is wrong, the property to point at, severity].
issue(props) := ["is not encrypted at rest", "AtRestEncryptionEnabled", "high"] if {
	not aws_iam.is_true(object.get(props, "AtRestEncryptionEnabled", false))
} else := [key_problem(props), "KmsKeyId", "medium"] if {
	not aws_iam.customer_managed_key(object.get(props, "KmsKeyId", null))
}

key_problem(props) := sprintf("is encrypted with the AWS-managed key %v", [props.KmsKeyId]) if {
	aws_iam.aws_managed_key(props.KmsKeyId)
} else := "is encrypted with the AWS-managed ElastiCache key (no KmsKeyId)"

# A secondary cluster of a global datastore that does not set encryption
# itself takes the primary's.
global_secondary(props) if {
	props.GlobalReplicationGroupId
	not "AtRestEncryptionEnabled" in object.keys(props)
}

engine(props) := lower(props.Engine) if is_string(props.Engine)

path(props, property) := ["Properties", property] if {
	is_object(props)
	property in object.keys(props)
} else := ["Properties"]
