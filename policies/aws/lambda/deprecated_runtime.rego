# METADATA
# title: Lambda functions must not use a deprecated runtime
# description: >-
#   Once AWS deprecates a Lambda runtime it stops applying security patches
#   to it, technical support ends and, later, functions using it can no
#   longer be created or updated.  The language version itself is usually
#   end-of-life upstream as well, so known vulnerabilities stay unfixed.
# custom:
#   id: LAMBDA.010
#   severity: medium
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function]
#   threats: [T11]
#   mitigations: [M11]
#   frameworks:
#     nist-800-53: [SI-2, SA-22, CM-2]
#     pci-dss-4.0: ["6.3.3"]
#   remediation: |-
#     Move the function to a supported runtime (e.g. nodejs22.x, python3.13, java21,
#     provided.al2023) and test it.
#     ```ts
#     new lambda.Function(this, 'CreatePaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.deprecated_runtime

import rego.v1

import data.regent.aws_web

# Deprecation dates from the AWS Lambda runtime deprecation policy
# (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html).  A
# runtime is reported from its deprecation date on.
deprecation_dates := {
	"nodejs": "2016-10-31",
	"nodejs4.3": "2020-03-05",
	"nodejs4.3-edge": "2020-03-05",
	"nodejs6.10": "2019-08-12",
	"nodejs8.10": "2020-03-06",
	"nodejs10.x": "2021-07-30",
	"nodejs12.x": "2023-03-31",
	"nodejs14.x": "2023-12-04",
	"nodejs16.x": "2024-06-12",
	"nodejs18.x": "2025-09-01",
	"nodejs20.x": "2026-04-30",
	"python2.7": "2021-07-15",
	"python3.6": "2022-07-18",
	"python3.7": "2023-12-04",
	"python3.8": "2024-10-14",
	"python3.9": "2025-12-15",
	"java8": "2024-01-08",
	"go1.x": "2024-01-08",
	"provided": "2024-01-08",
	"ruby2.5": "2021-07-30",
	"ruby2.7": "2023-12-07",
	"ruby3.2": "2026-03-31",
	"dotnetcore1.0": "2019-07-30",
	"dotnetcore2.0": "2019-05-30",
	"dotnetcore2.1": "2022-01-05",
	"dotnetcore3.1": "2023-04-03",
	"dotnet5.0": "2022-05-10",
	"dotnet6": "2024-12-20",
	"dotnet7": "2024-05-14",
	"dotnet8": "2026-11-10",
}

deny contains result if {
	some id, fn in aws_web.lambda_functions
	some runtime in aws_web.values(aws_web.function_property(fn, ["Runtime"]))
	is_string(runtime)
	date := deprecation_dates[runtime]
	time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [date])) <= time.now_ns()
	result := {
		"msg": sprintf("Lambda function %s uses runtime %s, deprecated since %s: it no longer receives security patches", [id, runtime, date]),
		"resource": id,
		"path": ["Properties", "Runtime"],
	}
}
