# METADATA
# title: Lambda environment variables should be encrypted with a customer-managed KMS key
# description: >-
#   Without `KmsKeyArn`, Lambda encrypts environment variables with the
#   AWS-managed `aws/lambda` key, which every principal allowed to read the
#   function configuration can use: access to the values cannot be limited
#   or audited through a key policy.
# custom:
#   id: LAMBDA.005
#   severity: low
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function]
#   threats: [T01, T13]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `KmsKeyArn` to a customer-managed KMS key whose policy lets only the function's
#     role and the administrators decrypt.
#     ```ts
#     new lambda.Function(this, 'CreatePaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#       environment: { TABLE_NAME: table.tableName },
#       environmentEncryption: key,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_173]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.env_customer_managed_key

import rego.v1

import data.regent.aws_web

deny contains result if {
	some id, fn in aws_web.lambda_functions
	variables := aws_web.function_property(fn, ["Environment", "Variables"])
	is_object(variables)
	count(variables) > 0
	aws_web.may_be_absent(aws_web.function_property(fn, ["KmsKeyArn"]))
	result := {
		"msg": sprintf("Lambda function %s has environment variables but no customer-managed KMS key to encrypt them (KmsKeyArn is not set)", [id]),
		"resource": id,
		"path": ["Properties", "KmsKeyArn"],
	}
}
