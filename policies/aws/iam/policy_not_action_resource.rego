# METADATA
# title: IAM policies do not allow with NotAction or NotResource
# description: >-
#   An Allow statement with `NotAction` grants every action except those
#   listed, and one with `NotResource` grants on every resource except those
#   listed, including actions and resources that AWS adds later. Such
#   statements are almost always far broader than intended (an "everything
#   but IAM" statement still allows reading every secret and deleting every
#   bucket). NotAction and NotResource belong in Deny statements. Statements
#   reported by IAM.001 or IAM.006 are not reported again.
# custom:
#   id: IAM.011
#   severity: high
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-3]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.2", "7.2.5"]
#   remediation: |-
#     Rewrite the statement to list the actions and resources that are allowed; keep NotAction/NotResource for Deny statements.
#     ```ts
#     role.addToPolicy(new iam.PolicyStatement({
#       actions: ['sqs:SendMessage'],
#       resources: [queue.queueArn],
#     }));
#     ```
#   aliases:
#     cfn_nag: [W15, W16, W17, W21, W22, W23]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.policy_not_action_resource

import rego.v1

import data.regent.aws.iam.passrole_wildcard_resource
import data.regent.aws.iam.policy_full_admin
import data.regent.aws_iam

reported_elsewhere(id, path) if {
	some other in policy_full_admin.deny | passrole_wildcard_resource.deny
	other.resource == id
	other.path == path
}

# The inverted elements of a statement, for messages.
inverted(s) := array.concat(
	[sprintf("NotAction %v", [s.NotAction]) | s.NotAction],
	[sprintf("NotResource %v", [s.NotResource]) | s.NotResource],
)

deny contains result if {
	some [id, path, s] in aws_iam.identity_allow_statements
	count(inverted(s)) > 0
	not reported_elsewhere(id, path)
	result := {
		"msg": sprintf("%s: IAM policy statement allows with %s, which grants everything not listed (including actions and resources added later); expected Action and Resource lists", [id, concat(" and ", inverted(s))]),
		"resource": id,
		"path": path,
	}
}
