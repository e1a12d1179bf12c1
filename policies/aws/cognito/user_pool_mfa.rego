# METADATA
# title: Cognito user pools require multi-factor authentication
# description: >-
#   Without MFA a stolen, phished or guessed password is enough to take over
#   an account of the user pool, and through it the API and data the pool's
#   tokens grant. `MfaConfiguration` defaults to OFF. OPTIONAL leaves every
#   user who has not enrolled a second factor with a password only; it is
#   reported with a lower severity, for a reasoned suppression where the
#   population (for example retail customers with adaptive authentication)
#   justifies it.
# custom:
#   id: COGNITO.001
#   severity: high
#   resource_types: [AWS::Cognito::UserPool]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [IA-2(1), IA-2(2)]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `MfaConfiguration: ON` with `EnabledMfas` (prefer SOFTWARE_TOKEN_MFA
#     over SMS_MFA); if MFA must stay OPTIONAL, suppress the finding with the reason.
#     ```ts
#     new cognito.UserPool(this, 'Users', {
#       mfa: cognito.Mfa.REQUIRED,
#       mfaSecondFactor: { otp: true, sms: false },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-COG2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cognito.user_pool_mfa

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, pool in cfn.resources("AWS::Cognito::UserPool")
	mfa := cfn.property(pool, ["MfaConfiguration"], "OFF")
	not cfn.is_intrinsic(mfa)
	not mfa_setting(mfa) in {"ON", "OPTIONAL"}
	result := {
		"msg": sprintf("%s: Cognito user pool does not use MFA (MfaConfiguration: %v); expected MfaConfiguration: ON", [id, mfa]),
		"resource": id,
		"path": path(pool),
	}
}

deny contains result if {
	some id, pool in cfn.resources("AWS::Cognito::UserPool")
	mfa_setting(cfn.property(pool, ["MfaConfiguration"], "OFF")) == "OPTIONAL"
	result := {
		"msg": sprintf("%s: Cognito user pool makes MFA optional (MfaConfiguration: OPTIONAL), so users who do not enrol sign in with a password only; expected MfaConfiguration: ON, or a suppression giving the reason", [id]),
		"resource": id,
		"path": ["Properties", "MfaConfiguration"],
		"severity": "medium",
	}
}

mfa_setting(v) := upper(v) if is_string(v)

path(pool) := ["Properties", "MfaConfiguration"] if {
	cfn.property(pool, ["MfaConfiguration"], null) != null
} else := ["Properties"]
