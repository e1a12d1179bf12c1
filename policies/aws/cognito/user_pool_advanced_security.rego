# METADATA
# title: Cognito user pools enforce threat protection (advanced security)
# description: >-
#   Threat protection (`UserPoolAddOns.AdvancedSecurityMode`) scores every
#   sign-in for risk, blocks sign-ins with credentials known to be
#   compromised and can demand MFA for risky attempts. OFF (the default)
#   leaves credential stuffing and account takeover undetected; AUDIT only
#   records the risk and blocks nothing.
# custom:
#   id: COGNITO.003
#   severity: medium
#   resource_types: [AWS::Cognito::UserPool]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-7, IA-5(1), SI-4]
#     soc2: [CC6.1, CC7.2]
#   remediation: |-
#     Put the pool on the Plus feature plan and set
#     `UserPoolAddOns.AdvancedSecurityMode: ENFORCED`.
#     ```ts
#     new cognito.UserPool(this, 'Users', {
#       featurePlan: cognito.FeaturePlan.PLUS,
#       standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-COG3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cognito.user_pool_advanced_security

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, pool in cfn.resources("AWS::Cognito::UserPool")
	mode := cfn.property(pool, ["UserPoolAddOns", "AdvancedSecurityMode"], "OFF")
	not cfn.is_intrinsic(mode)
	not enforced(mode)
	result := {
		"msg": sprintf("%s: Cognito user pool does not enforce threat protection (AdvancedSecurityMode: %v); expected UserPoolAddOns.AdvancedSecurityMode: ENFORCED", [id, mode]),
		"resource": id,
		"path": ["Properties", "UserPoolAddOns", "AdvancedSecurityMode"],
	}
}

enforced(mode) if {
	is_string(mode)
	upper(mode) == "ENFORCED"
}
