# METADATA
# title: CodeBuild projects encrypt with a customer-managed KMS key
# description: >-
#   Without `EncryptionKey` (or with alias/aws/s3) build artifacts and
#   caches are encrypted with the AWS-managed S3 key: any principal with
#   read access to the artifact bucket decrypts them, and the key cannot be
#   shared with deployment accounts or restricted by key policy.
# custom:
#   id: CODEBUILD.004
#   severity: medium
#   resource_types: [AWS::CodeBuild::Project]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `EncryptionKey` to the ARN of a customer-managed KMS key.
#     ```ts
#     new codebuild.Project(this, 'Build', {
#       encryptionKey: buildKey,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-CB4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.codebuild.kms_key

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CodeBuild::Project")
	key := cfn.property(r, ["EncryptionKey"], null)
	not aws_iam.customer_managed_key(key)
	result := {
		"msg": sprintf("%s: CodeBuild project uses the AWS-managed S3 key (%v); expected EncryptionKey of a customer-managed KMS key", [id, describe(key)]),
		"resource": id,
		"path": path(key),
	}
}

describe(key) := "no EncryptionKey" if {
	key == null
} else := key

path(key) := ["Properties"] if {
	key == null
} else := ["Properties", "EncryptionKey"]
