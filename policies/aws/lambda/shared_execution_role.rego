# METADATA
# title: Lambda functions should not share an execution role
# description: >-
#   When several functions use one execution role, each of them gets the
#   union of the permissions all of them need.  A flaw in the least trusted
#   function (for example a public one) exposes everything the others may
#   do, and the role's permissions cannot be narrowed per function.
# custom:
#   id: LAMBDA.011
#   severity: medium
#   remediation: >-
#     Give each function its own role with only the permissions it needs
#     (CDK: leave `role` unset so each function gets its own service role,
#     and grant access per function, e.g. `table.grantReadData(getFn)`).
#   frameworks:
#     nist-800-53: [AC-6, AC-5]
package regent.aws.lambda.shared_execution_role

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# Role key (logical id, or the literal ARN) -> functions using it.
users[key] := fns if {
	some key in {k | some _, k in role_of}
	fns := sort([id | some id, k in role_of; k == key])
}

role_of[id] := key if {
	some id, fn in aws_web.lambda_functions
	role := cfn.property(fn, ["Role"], null)
	key := role_key(role)
}

role_key(role) := id if id := aws_web.ref_id(role)

role_key(role) := role if {
	is_string(role)
	not aws_web.ref_id(role)
}

# On each function that shares its role.
deny contains result if {
	some id, key in role_of
	fns := users[key]
	count(fns) > 1
	result := {
		"msg": sprintf("Lambda function %s shares its execution role %s with %s", [id, key, concat(", ", [f | some f in fns; f != id])]),
		"resource": id,
		"path": ["Properties", "Role"],
	}
}

# On the shared role itself, when the template defines it.
deny contains result if {
	some key, fns in users
	count(fns) > 1
	input.Resources[key].Type == "AWS::IAM::Role"
	result := {
		"msg": sprintf("IAM role %s is the execution role of %d Lambda functions (%s)", [key, count(fns), concat(", ", fns)]),
		"resource": key,
		"path": ["Properties", "AssumeRolePolicyDocument"],
	}
}
