# METADATA
# title: RDS databases are encrypted at rest with a customer-managed KMS key
# description: >-
#   Unencrypted database storage leaves data, automated backups, snapshots
#   and replicas readable to anyone who obtains a snapshot copy, and cannot
#   be encrypted in place later. Without KmsKeyId the AWS-managed aws/rds
#   key is used, whose policy cannot restrict who decrypts copied snapshots
#   (reported as medium). Aurora cluster members, read replicas and restores
#   that inherit their source's encryption are not checked.
# custom:
#   id: RDS.001
#   severity: high
#   resource_types: [AWS::RDS::DBCluster, AWS::RDS::DBInstance]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12]
#     soc2: [CC6.1]
#     cis-aws: ["2.3.1"]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `StorageEncrypted: true` and `KmsKeyId` to a customer-managed key on the DB cluster or stand-alone DB instance.
#     ```ts
#     new rds.DatabaseCluster(this, 'Ledger', {
#       engine: rds.DatabaseClusterEngine.auroraPostgres({ version }),
#       writer: rds.ClusterInstance.provisioned('writer'),
#       vpc,
#       storageEncrypted: true,
#       storageEncryptionKey: key,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_16]
#     cdk_nag: [AwsSolutions-RDS2]
#     control_tower: [CT.RDS.PR.16, CT.RDS.PR.24]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.storage_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBCluster")
	not inherits(r, {"SnapshotIdentifier", "SourceDBClusterIdentifier"})
	result := check(id, "DB cluster", r, serverless_v1(r))
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	not replica(r)
	not inherits(r, {"DBSnapshotIdentifier", "DBClusterSnapshotIdentifier"})
	result := check(id, "DB instance", r, false)
}

check(id, kind, r, always_encrypted) := {
	"msg": sprintf("%s: RDS %s %s; expected StorageEncrypted: true with a customer-managed KmsKeyId", [id, kind, problem]),
	"resource": id,
	"path": path(r, property),
	"severity": severity,
} if {
	[problem, property, severity] := issue(object.get(r, "Properties", {}), always_encrypted)
}

# [what is wrong, the property to point at, severity].
issue(props, false) := ["storage is not encrypted", "StorageEncrypted", "high"] if {
	not aws_iam.is_true(object.get(props, "StorageEncrypted", false))
} else := [key_problem(props), "KmsKeyId", "medium"] if {
	not aws_iam.customer_managed_key(object.get(props, "KmsKeyId", null))
}

issue(props, true) := [key_problem(props), "KmsKeyId", "medium"] if {
	not aws_iam.customer_managed_key(object.get(props, "KmsKeyId", null))
}

key_problem(props) := sprintf("is encrypted with the AWS-managed key %v", [props.KmsKeyId]) if {
	aws_iam.aws_managed_key(props.KmsKeyId)
} else := "is encrypted with the AWS-managed aws/rds key (no KmsKeyId)"

# Aurora Serverless v1 clusters are always encrypted.
serverless_v1(r) if cfn.property(r, ["EngineMode"], "provisioned") == "serverless"

default serverless_v1(_) := false

# Read replicas take their encryption (and, in-region, their key) from the
# source instance.
replica(r) if r.Properties.SourceDBInstanceIdentifier

replica(r) if r.Properties.SourceDBClusterIdentifier

replica(r) if r.Properties.SourceDbiResourceId

# A restore from a snapshot or source that sets neither property inherits
# the source's encryption.
inherits(r, sources) if {
	some p in sources
	cfn.property(r, [p], null) != null
	not "StorageEncrypted" in object.keys(object.get(r, "Properties", {}))
	not "KmsKeyId" in object.keys(object.get(r, "Properties", {}))
}

path(r, property) := ["Properties", property] if {
	property in object.keys(object.get(r, "Properties", {}))
} else := ["Properties"]
