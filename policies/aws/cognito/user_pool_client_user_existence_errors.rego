# METADATA
# title: Cognito app clients do not reveal whether a user exists
# description: >-
#   With `PreventUserExistenceErrors: LEGACY` (the API default) sign-in,
#   confirmation and password-recovery calls answer UserNotFoundException for
#   unknown user names, so anyone can enumerate valid accounts and focus
#   password guessing, credential stuffing and phishing on them.
# custom:
#   id: COGNITO.004
#   severity: low
#   resource_types: [AWS::Cognito::UserPoolClient]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-7, SI-11]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `PreventUserExistenceErrors: ENABLED` on every app client.
#     ```ts
#     userPool.addClient('Web', {
#       preventUserExistenceErrors: true,
#       authFlows: { userSrp: true },
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cognito.user_pool_client_user_existence_errors

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, client in cfn.resources("AWS::Cognito::UserPoolClient")
	setting := cfn.property(client, ["PreventUserExistenceErrors"], "LEGACY")
	not cfn.is_intrinsic(setting)
	not enabled(setting)
	result := {
		"msg": sprintf("%s: Cognito app client reveals whether a user name exists (PreventUserExistenceErrors: %v); expected PreventUserExistenceErrors: ENABLED", [id, setting]),
		"resource": id,
		"path": ["Properties", "PreventUserExistenceErrors"],
	}
}

enabled(setting) if {
	is_string(setting)
	upper(setting) == "ENABLED"
}
