# METADATA
# title: SQS queue policies should not grant hard-coded account principals
# description: >-
#   A queue policy whose principal is a literal ARN or account id (for example
#   `arn:aws:iam::123456789012:role/legacy-lambda-exec`) grants access to a
#   principal the stack does not define: when the account is not the one the
#   stack is deployed to, the queue's messages are readable (or writable) from
#   another AWS account, and the grant silently follows the template into
#   every environment it is deployed to.
# custom:
#   id: SQS.101
#   severity: high
#   resource_types: [AWS::SQS::QueuePolicy]
#   threats: [T05, T04]
#   mitigations: [M05, M04]
#   frameworks:
#     nist-800-53: [AC-3, AC-6, AC-21]
#     soc2: [CC6.1, CC6.3]
#   remediation: |-
#     Grant access to principals defined in the stack (`Fn::GetAtt [Role,
#     Arn]`) or built from `${AWS::AccountId}`; if a cross-account consumer is
#     intended, make its account a reviewed parameter and add conditions such
#     as `aws:PrincipalOrgID`.
#     ```ts
#     // a role defined in this stack, not iam.Role.fromRoleArn(this, 'R', 'arn:aws:iam::123456789012:role/...')
#     queue.grantConsumeMessages(processFn);
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.sqs.queue_policy_hardcoded_account_principal

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, policy in cfn.resources("AWS::SQS::QueuePolicy")
	statements := cfn.as_array(cfn.property(policy, ["PolicyDocument", "Statement"], []))
	some i, s in statements
	object.get(s, "Effect", "") == "Allow"
	principal := object.get(s, ["Principal", "AWS"], [])
	some p in cfn.as_array(principal)
	account := hardcoded_account(p)
	result := {
		"msg": sprintf("Queue policy %s grants %s to principal %s in hard-coded account %s", [id, actions(s), aws_web.text(p), account]),
		"resource": id,
		"path": ["Properties", "PolicyDocument", "Statement", i, "Principal"],
	}
}

# The literal 12-digit account of an ARN principal or a bare account id.
# The partition may be written ${AWS::Partition}, which contains colons.
hardcoded_account(p) := m[0][1] if {
	t := aws_web.text(p)
	m := regex.find_all_string_submatch_n(`^arn:(?:\$\{[^}]*\}|[^:]*):(?:iam|sts)::([0-9]{12}):`, t, 1)
	count(m) > 0
} else := p if {
	is_string(p)
	regex.match(`^[0-9]{12}$`, p)
}

actions(s) := concat(", ", [sprintf("%v", [a]) | some a in cfn.as_array(object.get(s, "Action", []))])
