# METADATA
# title: Lambda function URLs must require IAM authentication
# description: >-
#   A function URL with `AuthType: NONE` is a public HTTPS endpoint: anyone
#   on the internet can invoke the function directly, bypassing API Gateway
#   or CloudFront (and their authorizers, WAF, throttling and logging), and
#   run up its cost or reach the data it can access.
# custom:
#   id: LAMBDA.001
#   severity: high
#   resource_types: [AWS::Lambda::Url]
#   threats: [T03]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-3, IA-2, SC-7]
#     soc2: [CC6.1, CC6.6]
#   remediation: |-
#     Set `AuthType: AWS_IAM` on the function URL and sign requests with SigV4 (for
#     example through CloudFront origin access control), or front the function with an
#     API Gateway authorizer instead.
#     ```ts
#     fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
#     ```
#   aliases:
#     checkov: [CKV_AWS_258]
#     control_tower: [CT.LAMBDA.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.function_url_public

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, url in cfn.resources("AWS::Lambda::Url")
	aws_web.may_equal(cfn.property(url, ["AuthType"], null), "NONE")
	result := {
		"msg": sprintf("Lambda function URL %s is public: AuthType NONE lets anyone on the internet invoke the function", [id]),
		"resource": id,
		"path": ["Properties", "AuthType"],
	}
}
