# METADATA
# title: Lambda permissions must not let any principal invoke a function
# description: >-
#   A resource-based permission with `Principal: "*"` and no `SourceArn`,
#   `SourceAccount` or `PrincipalOrgID` condition lets every AWS account (and,
#   for function URLs with AuthType NONE, every anonymous caller on the
#   internet) invoke the function.
# custom:
#   id: LAMBDA.003
#   severity: high
#   resource_types: [AWS::Lambda::Permission]
#   threats: [T03, T04]
#   mitigations: [M03, M04]
#   frameworks:
#     nist-800-53: [AC-3, AC-6, SC-7]
#     soc2: [CC6.1, CC6.6]
#   remediation: |-
#     Grant invoke permission to a specific principal and scope service principals with
#     `SourceArn` and `SourceAccount` (or limit `*` with `PrincipalOrgID`).
#     ```ts
#     fn.addPermission('FromEvents', {
#       principal: new iam.ServicePrincipal('events.amazonaws.com'),
#       sourceArn: rule.ruleArn,
#       sourceAccount: this.account,
#     });
#     ```
#   aliases:
#     control_tower: [CT.LAMBDA.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.permission_public

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, permission in cfn.resources("AWS::Lambda::Permission")
	some principal in aws_web.values(cfn.property(permission, ["Principal"], null))
	principal == "*"
	unrestricted(permission)
	result := {
		"msg": sprintf("Lambda permission %s lets any principal call %v on %s%s", [id, cfn.property(permission, ["Action"], "?"), target(permission), why(permission)]),
		"resource": id,
		"path": ["Properties", "Principal"],
	}
}

# A public function URL cannot be narrowed by conditions.
unrestricted(permission) if aws_web.may_equal(cfn.property(permission, ["FunctionUrlAuthType"], null), "NONE")

unrestricted(permission) if {
	not aws_web.may_equal(cfn.property(permission, ["FunctionUrlAuthType"], null), "NONE")
	every property in ["SourceArn", "SourceAccount", "PrincipalOrgID"] {
		aws_web.may_be_absent(cfn.property(permission, [property], null))
	}
}

target(permission) := id if {
	id := aws_web.ref_id(cfn.property(permission, ["FunctionName"], null))
} else := sprintf("%v", [cfn.property(permission, ["FunctionName"], "?")])

why(permission) := " through a function URL without authentication (FunctionUrlAuthType: NONE)" if {
	aws_web.may_equal(cfn.property(permission, ["FunctionUrlAuthType"], null), "NONE")
} else := " through its public function URL" if {
	aws_web.may_be_true(cfn.property(permission, ["InvokedViaFunctionUrl"], null))
} else := " (no SourceArn, SourceAccount or PrincipalOrgID condition)"
