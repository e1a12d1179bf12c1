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
#   remediation: >-
#     Remove the access key and give the consumer a role to assume (for
#     external systems: IAM Roles Anywhere or OIDC federation). If a key is
#     unavoidable, create it out of band and store it in Secrets Manager
#     with rotation. CDK: remove `new iam.AccessKey(...)` /
#     `new iam.CfnAccessKey(...)`.
#   frameworks:
#     nist-800-53: [IA-5, AC-2]
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
	r.Properties.UserName.Ref
} else := sprintf("%v", [r.Properties.UserName])
