# METADATA
# title: Templates do not create IAM access keys
# description: >-
#   An AWS::IAM::AccessKey is a long-lived credential: it never expires,
#   works from anywhere, and its secret is handed to whoever reads the stack
#   outputs or the resource's attributes. Leaked access keys are the most
#   common cause of AWS account compromise. Workloads should use roles
#   (instance profiles, task roles, IRSA, OIDC federation for CI).
# custom:
#   id: IAM.003
#   severity: high
#   resource_types: [AWS::IAM::AccessKey]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5, AC-2]
#     soc2: [CC6.1]
#   remediation: |-
#     Remove the access key and give the consumer a role to assume (external systems: IAM Roles Anywhere or OIDC federation); if a key is unavoidable, create it out of band and keep it in Secrets Manager with rotation.
#     ```ts
#     // instead of new iam.AccessKey(this, 'Key', { user })
#     const role = new iam.Role(this, 'Consumer', {
#       assumedBy: new iam.WebIdentityPrincipal(provider.openIdConnectProviderArn),
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.user_access_key

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::IAM::AccessKey")
	cfn.property(r, ["Status"], "Active") != "Inactive"
	result := {
		"msg": sprintf("%s: template creates a long-lived IAM access key for user %s; expected a role instead of access keys", [id, user(r)]),
		"resource": id,
		"path": ["Properties"],
	}
}

user(r) := r.Properties.UserName.Ref if {
	is_string(r.Properties.UserName.Ref)
} else := sprintf("%v", [cfn.property(r, ["UserName"], "(no UserName)")])
