# METADATA
# title: IAM policies do not grant every action on every resource
# description: >-
#   An identity policy statement with `Action: "*"` and `Resource: "*"`, or
#   the AWS-managed AdministratorAccess policy, gives the role, user or group
#   full control of the account: whoever obtains its credentials (a
#   compromised workload, a leaked key) can read every secret, disable
#   logging and create new persistent access. Least privilege requires the
#   actions and resources the principal actually uses.
# custom:
#   id: IAM.001
#   severity: critical
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-6(10), AC-3]
#     soc2: [CC6.1, CC6.3]
#     cis-aws: ["1.16"]
#     pci-dss-4.0: ["7.2.2", "7.2.5"]
#   remediation: |-
#     Replace the statement or the AdministratorAccess policy with the specific actions and resource ARNs the principal needs; keep break-glass access outside application stacks.
#     ```ts
#     // instead of actions: ['*'], resources: ['*'] or AdministratorAccess
#     bucket.grantRead(role);
#     table.grantReadWriteData(role);
#     ```
#   aliases:
#     cfn_nag: [F3, F4, F5]
#     control_tower: [CT.IAM.PR.1, CT.IAM.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.policy_full_admin

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some [id, path, s] in aws_iam.identity_allow_statements
	aws_iam.all_actions(s)
	aws_iam.all_resources(s)
	result := {
		"msg": sprintf("%s: IAM policy statement allows every action (%s) on every resource%s; expected specific actions and resource ARNs", [id, aws_iam.action_text(s), attached_text(id)]),
		"resource": id,
		"path": path,
	}
}

deny contains result if {
	some id, r in input.Resources
	r.Type in {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some i, arn in r.Properties.ManagedPolicyArns
	some text in aws_iam.literal_strings(arn)
	endswith(text, ":iam::aws:policy/AdministratorAccess")
	result := {
		"msg": sprintf("%s: %s has the AWS-managed AdministratorAccess policy attached; expected a policy granting only the actions and resources it uses", [id, r.Type]),
		"resource": id,
		"path": ["Properties", "ManagedPolicyArns", i],
	}
}

# " (attached to Role X)" for AWS::IAM::Policy / ManagedPolicy resources.
attached_text(id) := sprintf(" (attached to %s)", [concat(", ", names)]) if {
	props := input.Resources[id].Properties
	names := [sprintf("%s %s", [kind, target]) |
		some kind in ["Roles", "Users", "Groups"]
		some v in cfn.as_array(object.get(props, kind, []))
		target := ref_name(v)
	]
	count(names) > 0
} else := ""

ref_name(v) := v.Ref if {
	v.Ref
} else := sprintf("%v", [v])
