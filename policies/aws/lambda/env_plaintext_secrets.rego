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
#   remediation: >-
#     Store the value in AWS Secrets Manager or a SecureString SSM parameter,
#     pass only its name or ARN in the environment (e.g. `PARTNER_API_KEY_SECRET_ARN`)
#     and read it at runtime (for example with the Parameters and Secrets
#     Lambda extension), granting the function's role read access (CDK:
#     `secret.grantRead(fn)`); rotate any credential that was exposed.
#   frameworks:
#     nist-800-53: [IA-5, IA-5(7), SC-28]
#   aliases:
#     checkov: [CKV_AWS_45]
package regent.aws.lambda.env_plaintext_secrets

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, fn in function_resources
	variables := cfn.property(fn, ["Environment", "Variables"], {})
	is_object(variables)
	some name, raw in variables
	some value in aws_web.values(raw)
	aws_web.plaintext_secret(name, value)
	result := {
		"msg": sprintf("Lambda function %s has environment variable %s in plain text: %s", [id, name, aws_web.secret_reason(name, value)]),
		"resource": id,
		"path": ["Properties", "Environment", "Variables", name],
	}
}

function_resources[id] := r if {
	some id, r in input.Resources
	r.Type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
}
