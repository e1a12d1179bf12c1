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
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::User]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-2, AC-6]
#     soc2: [CC6.2, CC6.3]
#     cis-aws: ["1.15"]
#   remediation: |-
#     Attach the policy to a group and add the user to it, or replace the user with a role.
#     ```ts
#     const readers = new iam.Group(this, 'Readers');
#     bucket.grantRead(readers);
#     readers.addUser(user);
#     ```
#   aliases:
#     cfn_nag: [F10]
#     checkov: [CKV_AWS_40]
#     control_tower: [CT.IAM.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
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
