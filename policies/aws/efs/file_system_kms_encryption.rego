# METADATA
# title: EFS file systems are encrypted with a customer-managed KMS key
# description: >-
#   An unencrypted EFS file system stores file data and metadata in clear
#   text on AWS storage, and encryption cannot be turned on after creation.
#   An encrypted file system without `KmsKeyId` uses the AWS-managed
#   aws/elasticfilesystem key, whose policy cannot restrict who decrypts or
#   be revoked in an incident (reported as medium).
# custom:
#   id: EFS.001
#   severity: high
#   resource_types: [AWS::EFS::FileSystem]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12]
#     soc2: [CC6.1]
#     cis-aws: ["2.4.1"]
#     pci-dss-4.0: ["3.5.1"]
#   remediation: |-
#     Set `Encrypted: true` and `KmsKeyId` to a customer-managed key when the file system is created (it cannot be changed later).
#     ```ts
#     new efs.FileSystem(this, 'Shared', { vpc, encrypted: true, kmsKey: key });
#     ```
#   aliases:
#     checkov: [CKV_AWS_42, CKV_AWS_184]
#     cdk_nag: [AwsSolutions-EFS1]
#     control_tower: [CT.ELASTICFILESYSYSTEM.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.efs.file_system_kms_encryption

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::EFS::FileSystem")
	props := object.get(r, "Properties", {})
	[problem, property, severity] := issue(props)
	result := {
		"msg": sprintf("%s: EFS file system is %s; expected Encrypted: true with a customer-managed KmsKeyId", [id, problem]),
		"resource": id,
		"path": path(props, property),
		"severity": severity,
	}
}

# [what is wrong, the property to point at, severity].
issue(props) := ["not encrypted", "Encrypted", "high"] if {
	not aws_iam.is_true(object.get(props, "Encrypted", false))
} else := [key_problem(props), "KmsKeyId", "medium"] if {
	not aws_iam.customer_managed_key(object.get(props, "KmsKeyId", null))
}

key_problem(props) := sprintf("encrypted with the AWS-managed key %v", [props.KmsKeyId]) if {
	aws_iam.aws_managed_key(props.KmsKeyId)
} else := "encrypted with the AWS-managed aws/elasticfilesystem key (no KmsKeyId)"

path(props, property) := ["Properties", property] if {
	is_object(props)
	property in object.keys(props)
} else := ["Properties"]
