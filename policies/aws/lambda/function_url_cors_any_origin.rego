# METADATA
# title: Lambda function URLs should not allow CORS requests from any origin
# description: >-
#   `Cors.AllowOrigins: ["*"]` lets scripts on any web site call the
#   function from a visitor's browser and read the responses.  Combined with
#   a public URL or credentials in headers, a malicious page can use its
#   visitors to query or abuse the function.
# custom:
#   id: LAMBDA.002
#   severity: medium
#   resource_types: [AWS::Lambda::Url]
#   threats: [T03, T14]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [AC-4, SC-7]
#   remediation: |-
#     List the exact origins of the front ends in `Cors.AllowOrigins`, and restrict the
#     allowed methods and headers.
#     ```ts
#     fn.addFunctionUrl({
#       authType: lambda.FunctionUrlAuthType.AWS_IAM,
#       cors: {
#         allowedOrigins: ['https://app.example-bank.com'],
#         allowedMethods: [lambda.HttpMethod.GET],
#       },
#     });
#     ```
#   aliases:
#     control_tower: [CT.LAMBDA.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.function_url_cors_any_origin

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, url in cfn.resources("AWS::Lambda::Url")
	origins := cfn.property(url, ["Cors", "AllowOrigins"], [])
	is_array(origins)
	some i, origin in origins
	some o in aws_web.values(origin)
	o == "*"
	result := {
		"msg": sprintf("Lambda function URL %s allows cross-origin requests from any origin (Cors.AllowOrigins contains \"*\")", [id]),
		"resource": id,
		"path": ["Properties", "Cors", "AllowOrigins", i],
	}
}
