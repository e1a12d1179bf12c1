# METADATA
# title: Lambda environment variables must not hold plain-text secrets
# description: >-
#   Lambda environment variables are returned in clear by
#   lambda:GetFunctionConfiguration and are part of the CloudFormation
#   template, the CDK source and the cloud assembly.  API keys, passwords and
#   tokens placed there are readable by anyone with read access to any of
#   those, and cannot be rotated without a deployment.
# custom:
#   id: LAMBDA.004
#   severity: high
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5, IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#   remediation: |-
#     Store the value in AWS Secrets Manager, pass only the secret's ARN in the
#     environment and read it at runtime; rotate any credential that was exposed.
#     ```ts
#     const fn = new lambda.Function(this, 'CreatePaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#       environment: { PARTNER_API_KEY_SECRET_ARN: partnerKey.secretArn },
#     });
#     partnerKey.grantRead(fn);
#     ```
#   aliases:
#     checkov: [CKV_AWS_45]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.env_plaintext_secrets

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, fn in aws_web.lambda_functions
	some [path, variables] in variable_sources(fn)
	is_object(variables)
	some name, raw in variables
	some value in aws_web.values(raw)
	aws_web.plaintext_secret(name, value)
	result := {
		"msg": sprintf("Lambda function %s has environment variable %s in plain text%s: %s", [id, name, where(path), aws_web.secret_reason(name, value)]),
		"resource": id,
		"path": finding_path(path, name),
	}
}

# The function's own variables, and for SAM functions the template's
# Globals.Function variables, which SAM merges into every function.
variable_sources(fn) := {[["Properties", "Environment", "Variables"], cfn.property(fn, ["Environment", "Variables"], {})]} | globals(fn)

globals(fn) := {[["Globals", "Function", "Environment", "Variables"], object.get(input, ["Globals", "Function", "Environment", "Variables"], {})]} if {
	aws_web.sam(fn)
} else := set()

where(path) := " (from the template's Globals)" if path[0] == "Globals"

where(path) := "" if path[0] != "Globals"

# A Globals variable is located on the function's Properties (the path of a
# finding is relative to its resource).
finding_path(path, _) := ["Properties"] if path[0] == "Globals"

finding_path(path, name) := array.concat(path, [name]) if path[0] != "Globals"
