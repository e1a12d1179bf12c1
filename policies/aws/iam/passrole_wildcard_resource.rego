# METADATA
# title: iam:PassRole is not granted on every role
# description: >-
#   iam:PassRole on `Resource: "*"` lets the principal hand any role of the
#   account, including administrator roles, to a service it controls (a
#   Lambda function, an EC2 instance, a CodeBuild project, an ECS task) and
#   then act with that role's permissions: a direct privilege escalation
#   path. (Statements that allow every action are reported by IAM.001.)
# custom:
#   id: IAM.006
#   severity: high
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-3]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.5"]
#   remediation: |-
#     Limit iam:PassRole to the ARNs of the roles the principal must pass, with an `iam:PassedToService` condition.
#     ```ts
#     taskRole.grantPassRole(pipelineRole);
#     ```
#   aliases:
#     cfn_nag: [F38, F40]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.passrole_wildcard_resource

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

wildcard_role_resource(s) if aws_iam.all_resources(s)

wildcard_role_resource(s) if {
	some res in aws_iam.resources(s)
	is_string(res)
	regex.match(`^arn:[^:]*:iam::[^:]*:role/\*$`, res)
}

deny contains result if {
	some [id, path, s] in aws_iam.identity_allow_statements
	not aws_iam.all_actions(s)
	aws_iam.grants_action(s, "iam:passrole")
	wildcard_role_resource(s)
	result := {
		"msg": sprintf("%s: IAM policy statement allows iam:PassRole (%s) on every role; expected the ARNs of the roles that must be passed", [id, aws_iam.action_text(s)]),
		"resource": id,
		"path": path,
	}
}
