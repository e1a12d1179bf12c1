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
#   remediation: >-
#     Set `KmsKeyArn` to a customer-managed KMS key whose policy allows only
#     the function's role and administrators to decrypt (CDK:
#     `environmentEncryption: key`).
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#   aliases:
#     checkov: [CKV_AWS_173]
package regent.aws.lambda.env_customer_managed_key

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, fn in cfn.resources("AWS::Lambda::Function")
	variables := cfn.property(fn, ["Environment", "Variables"], {})
	count(variables) > 0
	aws_web.may_be_absent(cfn.property(fn, ["KmsKeyArn"], null))
	result := {
		"msg": sprintf("Lambda function %s has environment variables but no customer-managed KMS key to encrypt them (KmsKeyArn is not set)", [id]),
		"resource": id,
		"path": ["Properties", "KmsKeyArn"],
	}
}
