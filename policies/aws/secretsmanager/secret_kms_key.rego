# METADATA
# title: Secrets Manager secrets are encrypted with a customer-managed KMS key
# description: >-
#   A secret without `KmsKeyId` is encrypted with the AWS-managed
#   aws/secretsmanager key, which every principal of the account with
#   secretsmanager:GetSecretValue can use. A customer-managed key makes the
#   key policy a second gate on reading the secret, allows cross-account
#   sharing, and records every decrypt against the key in CloudTrail.
# custom:
#   id: SECRETSMANAGER.001
#   severity: medium
#   resource_types: [AWS::SecretsManager::Secret]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12, IA-5]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `KmsKeyId` to a customer-managed key (for RDS-generated secrets, pass the key to the generated secret).
#     ```ts
#     new secretsmanager.Secret(this, 'ApiKey', { encryptionKey: key });
#     rds.Credentials.fromGeneratedSecret('admin', { encryptionKey: key });
#     ```
#   aliases:
#     cfn_nag: [W77]
#     checkov: [CKV_AWS_149]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.secretsmanager.secret_kms_key

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::SecretsManager::Secret")
	key := cfn.property(r, ["KmsKeyId"], null)
	not aws_iam.customer_managed_key(key)
	result := {
		"msg": sprintf("%s: secret is encrypted with the AWS-managed aws/secretsmanager key, so any principal of the account allowed secretsmanager:GetSecretValue can read it and no key policy of yours gates or audits access; expected KmsKeyId of a customer-managed KMS key", [id]),
		"resource": id,
		"path": path(key),
	}
}

path(key) := ["Properties"] if {
	key == null
} else := ["Properties", "KmsKeyId"]
