# METADATA
# title: Cognito user pools require passwords of at least 12 characters
# description: >-
#   Length is what makes a password resist online guessing and offline
#   cracking of leaked hashes. Without `Policies.PasswordPolicy` a user pool
#   accepts 8-character passwords; shorter minimums let users pick
#   passwords that credential-stuffing and brute-force attacks find quickly.
# custom:
#   id: COGNITO.002
#   severity: medium
#   resource_types: [AWS::Cognito::UserPool]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [IA-5(1)]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.6"]
#   remediation: |-
#     Set `Policies.PasswordPolicy.MinimumLength` to 12 or more (and keep
#     `TemporaryPasswordValidityDays` short).
#     ```ts
#     new cognito.UserPool(this, 'Users', {
#       passwordPolicy: { minLength: 14, tempPasswordValidity: cdk.Duration.days(3) },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-COG1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cognito.user_pool_password_policy

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

minimum_length := 12

# Cognito's default minimum when the pool sets no password policy.
default_length := 8

deny contains result if {
	some id, pool in cfn.resources("AWS::Cognito::UserPool")
	length := cfn.property(pool, ["Policies", "PasswordPolicy", "MinimumLength"], default_length)
	not cfn.is_intrinsic(length)
	not long_enough(length)
	result := {
		"msg": sprintf("%s: Cognito user pool accepts passwords shorter than %d characters (MinimumLength: %v); expected Policies.PasswordPolicy.MinimumLength >= %d", [id, minimum_length, length, minimum_length]),
		"resource": id,
		"path": ["Properties", "Policies", "PasswordPolicy", "MinimumLength"],
	}
}

long_enough(length) if aws_iam.as_number(length) >= minimum_length
