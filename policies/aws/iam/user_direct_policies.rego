# METADATA
# title: IAM policies are attached to roles or groups, not directly to users
# description: >-
#   Permissions attached to individual users drift: each user accumulates
#   its own grants, reviews must inspect every user, and removing access on
#   a role change is easy to miss. Grant permissions to groups (or, better,
#   to roles assumed through federation) so access is reviewed and revoked
#   in one place.
# custom:
#   id: IAM.002
#   severity: medium
#   remediation: >-
#     Attach the policy to an AWS::IAM::Group and add the user to it, or
#     replace the user with a role (CDK: `group.addToPolicy(...)` /
#     `bucket.grantRead(group)` instead of `bucket.grantRead(user)`).
#   frameworks:
#     nist-800-53: [AC-2, AC-6]
#   aliases:
#     cfn_nag: [F10]
#     checkov: [CKV_AWS_40]
package regent.aws.iam.user_direct_policies

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in input.Resources
	r.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	users := cfn.as_array(cfn.property(r, ["Users"], []))
	count(users) > 0
	result := {
		"msg": sprintf("%s: IAM policy is attached directly to user(s) %s; expected attachment to a group or role", [id, concat(", ", [name(u) | some u in users])]),
		"resource": id,
		"path": ["Properties", "Users"],
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::IAM::User")
	some property in ["Policies", "ManagedPolicyArns"]
	count(cfn.property(r, [property], [])) > 0
	result := {
		"msg": sprintf("%s: IAM user has policies attached directly (%s); expected permissions through a group or role", [id, property]),
		"resource": id,
		"path": ["Properties", property],
	}
}

name(u) := u.Ref if {
	u.Ref
} else := sprintf("%v", [u])
