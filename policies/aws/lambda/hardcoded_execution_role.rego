# METADATA
# title: Lambda execution roles should not be hard-coded ARNs
# description: >-
#   A function whose `Role` is a literal ARN with an account id depends on a
#   role that the stack neither creates nor reviews: its permissions are
#   invisible in the template, it is often a shared legacy role with broad
#   rights, and when the account id is not the deployment account the stack
#   silently relies on (or grants to) another account.
# custom:
#   id: LAMBDA.012
#   severity: high
#   remediation: >-
#     Define the execution role in the stack with least-privilege policies
#     and reference it with `Fn::GetAtt [Role, Arn]` (CDK: let the function
#     create its role, or pass `role` created in the stack); if an existing
#     role must be used, build its ARN from `${AWS::AccountId}` and review
#     its policies.
#   frameworks:
#     nist-800-53: [AC-6, CM-2, CM-8]
package regent.aws.lambda.hardcoded_execution_role

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, fn in aws_web.lambda_functions
	some role in aws_web.values(cfn.property(fn, ["Role"], null))
	t := aws_web.text(role)
	m := regex.find_all_string_submatch_n(`:iam::([0-9]{12}):role/(.+)$`, t, 1)
	count(m) > 0
	result := {
		"msg": sprintf("Lambda function %s uses a hard-coded execution role ARN (account %s, role %s) that is not defined in the stack", [id, m[0][1], m[0][2]]),
		"resource": id,
		"path": ["Properties", "Role"],
	}
}
