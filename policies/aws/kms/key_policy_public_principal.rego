# METADATA
# title: KMS key policies do not allow any principal without a condition
# description: >-
#   A key policy statement that allows `Principal: "*"` (or `{"AWS": "*"}`)
#   without a condition that pins the caller to an account, organization,
#   service or source lets any AWS account use the key, e.g. decrypt every
#   object, secret or message protected by it. Deny statements with a `*`
#   principal are fine and are not reported.
# custom:
#   id: KMS.002
#   severity: critical
#   resource_types: [AWS::KMS::Key]
#   threats: [T13, T04]
#   mitigations: [M13, M04]
#   frameworks:
#     nist-800-53: [AC-3, AC-6, SC-12]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["3.6.1"]
#   remediation: |-
#     Name the principals that need the key (roles, the account root for IAM delegation, service principals), or add a condition such as `kms:CallerAccount`, `kms:ViaService` or `aws:PrincipalOrgID`; use grant methods instead of `new iam.AnyPrincipal()`.
#     ```ts
#     const key = new kms.Key(this, 'DataKey', { enableKeyRotation: true });
#     key.grantDecrypt(readerRole);
#     ```
#   aliases:
#     checkov: [CKV_AWS_33]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.kms.key_policy_public_principal

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::KMS::Key")
	some [spath, s] in aws_iam.statements(r.Properties.KeyPolicy)
	aws_iam.public_allow(s)
	result := {
		"msg": sprintf("%s: key policy statement %s allows any principal (%s) without a restricting condition, so any AWS account can use the key; expected named principals or a condition on the caller's account or organization", [id, stmt_name(s, spath), aws_iam.action_text(s)]),
		"resource": id,
		"path": array.concat(["Properties", "KeyPolicy"], spath),
	}
}

stmt_name(s, spath) := sprintf("%q", [s.Sid]) if {
	is_string(s.Sid)
} else := sprintf("Statement[%v]", [spath[count(spath) - 1]])
