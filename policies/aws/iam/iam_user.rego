# METADATA
# title: Templates do not define IAM users
# description: >-
#   IAM users are long-lived identities with passwords or access keys that
#   do not expire; defined in an application stack they are rarely reviewed
#   or rotated. People should sign in through IAM Identity Center or another
#   federation, and workloads should assume roles. Advisory.
# custom:
#   id: IAM.005
#   severity: low
#   resource_types: [AWS::IAM::User]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [AC-2, IA-2]
#     soc2: [CC6.2]
#   remediation: |-
#     Replace the user with a role that the consumer assumes, or manage human access in IAM Identity Center.
#     ```ts
#     new iam.Role(this, 'Reporting', {
#       assumedBy: new iam.AccountPrincipal(reportingAccountId),
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.iam_user

import rego.v1

import data.regent.cfn

warn contains result if {
	some id, _ in cfn.resources("AWS::IAM::User")
	result := {
		"msg": sprintf("%s: template defines a long-lived IAM user; expected roles assumed through federation", [id]),
		"resource": id,
		"path": [],
	}
}
