# METADATA
# title: CloudWatch Logs log groups should be encrypted with a customer-managed KMS key
# description: >-
#   Application, access and audit logs often contain personal data, tokens
#   and internal details.  Log groups without `KmsKeyId` use CloudWatch's
#   service-owned keys: access cannot be restricted or audited through a key
#   policy, and the data cannot be made unreadable by disabling the key.
# custom:
#   id: LOGS.001
#   severity: medium
#   resource_types: [AWS::Logs::LogGroup]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-28(1), SC-12, AU-9]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `KmsKeyId` to the ARN of a customer-managed KMS key whose key policy allows the `logs.<region>.amazonaws.com` service principal.
#     ```ts
#     const key = new kms.Key(this, 'LogsKey', { enableKeyRotation: true });
#     key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`));
#     new logs.LogGroup(this, 'AppLogs', { encryptionKey: key, retention: logs.RetentionDays.ONE_YEAR });
#     ```
#   aliases:
#     cfn_nag: [W84]
#     checkov: [CKV_AWS_158]
#     control_tower: [CT.CLOUDWATCH.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.logs.log_group_kms

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, group in cfn.resources("AWS::Logs::LogGroup")
	aws_web.may_be_absent(cfn.property(group, ["KmsKeyId"], null))
	result := {
		"msg": sprintf("Log group %s is not encrypted with a customer-managed KMS key (no KmsKeyId)", [id]),
		"resource": id,
		"path": ["Properties", "KmsKeyId"],
	}
}
