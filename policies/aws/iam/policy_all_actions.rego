# METADATA
# title: IAM policies do not allow every action, even on specific resources
# description: >-
#   `Action: "*"` on a named resource (a bucket, a table, a key, a role)
#   grants everything that resource supports, now and in future: deleting
#   it, rewriting its resource policy, disabling its encryption or
#   versioning, and for an IAM role, rewriting the role's own permissions.
#   A compromised principal then controls the resource instead of only
#   using it. Statements on every resource are reported by IAM.001.
# custom:
#   id: IAM.009
#   severity: high
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-3]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.2", "7.2.5"]
#   remediation: |-
#     List the actions the principal needs on the resource, or use the construct's grant methods, which name them for you.
#     ```ts
#     // instead of new iam.PolicyStatement({ actions: ['*'], resources: [bucket.bucketArn] })
#     bucket.grantReadWrite(role);
#     ```
#   aliases:
#     cfn_nag: [F3, F4, F5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.policy_all_actions

import rego.v1

import data.regent.aws_iam
import data.regent.aws_web

deny contains result if {
	some [id, path, s] in aws_iam.identity_allow_statements
	aws_iam.all_actions(s)
	not aws_iam.all_resources(s)
	result := {
		"msg": sprintf("%s: IAM policy statement allows every action (%s) on %s; expected only the actions the principal needs", [id, aws_iam.action_text(s), resource_text(s)]),
		"resource": id,
		"path": path,
	}
}

# The statement's resources for messages: ARNs as written, template
# resources by logical id.
resource_text(s) := concat(", ", [name(r) | some r in aws_iam.resources(s)]) if {
	count(aws_iam.resources(s)) > 0
} else := "no listed resource"

name(r) := r if is_string(r)

name(r) := id if {
	not is_string(r)
	id := aws_web.ref_id(r)
}

name(r) := t if {
	not is_string(r)
	not aws_web.ref_id(r)
	t := aws_web.text(r)
}

name(r) := sprintf("%v", [r]) if {
	not is_string(r)
	not aws_web.ref_id(r)
	not aws_web.text(r)
}
