# METADATA
# title: RDS databases have storage encryption enabled
# description: >-
#   Unencrypted database storage leaves table data, automated backups,
#   snapshots and read replicas readable to anyone who obtains a snapshot
#   copy or the underlying volumes, and an unencrypted database cannot be
#   encrypted in place later (only by snapshot-copy and restore). Aurora
#   cluster members inherit the cluster's setting and are checked through
#   the cluster.
# custom:
#   id: RDS.001
#   severity: high
#   remediation: >-
#     Set `StorageEncrypted: true` and `KmsKeyId` to a customer-managed key on
#     the AWS::RDS::DBCluster or stand-alone AWS::RDS::DBInstance (CDK:
#     `storageEncrypted: true, storageEncryptionKey: key`).
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#   aliases:
#     checkov: [CKV_AWS_16]
#     cdk_nag: [AwsSolutions-RDS2]
package regent.aws.rds.storage_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBCluster")
	cfn.property(r, ["EngineMode"], "provisioned") != "serverless"
	not aws_iam.is_true(cfn.property(r, ["StorageEncrypted"], false))
	result := msg(id, "DB cluster", r)
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	not aws_iam.is_true(cfn.property(r, ["StorageEncrypted"], false))
	result := msg(id, "DB instance", r)
}

msg(id, kind, r) := {
	"msg": sprintf("%s: RDS %s storage is not encrypted; expected StorageEncrypted: true with a KmsKeyId", [id, kind]),
	"resource": id,
	"path": path(r),
}

path(r) := ["Properties", "StorageEncrypted"] if {
	"StorageEncrypted" in object.keys(r.Properties)
} else := ["Properties"]
