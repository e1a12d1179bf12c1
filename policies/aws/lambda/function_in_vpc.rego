# METADATA
# title: Lambda functions should run in a VPC
# description: >-
#   A function outside a VPC has unrestricted outbound internet access and
#   reaches AWS services over public endpoints: stolen data or credentials
#   can be sent anywhere, and network controls (security groups, NACLs, VPC
#   endpoint policies, flow logs) cannot limit or record what it talks to.
# custom:
#   id: LAMBDA.007
#   severity: low
#   resource_types: [AWS::Lambda::Function, AWS::Serverless::Function]
#   threats: [T07]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#   remediation: |-
#     Attach the function to private subnets with restrictive security groups, and reach
#     AWS services through VPC endpoints.
#     ```ts
#     new lambda.Function(this, 'ProcessPaymentFn', {
#       runtime: lambda.Runtime.NODEJS_22_X,
#       handler: 'index.handler',
#       code: lambda.Code.fromAsset('lambda'),
#       vpc,
#       vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
#       securityGroups: [fnSg],
#     });
#     ```
#   aliases:
#     cfn_nag: [W89]
#     checkov: [CKV_AWS_117]
#     control_tower: [CT.LAMBDA.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.lambda.function_in_vpc

import rego.v1

import data.regent.aws_web

deny contains result if {
	some id, fn in aws_web.lambda_functions
	some subnets in aws_web.values(aws_web.function_property(fn, ["VpcConfig", "SubnetIds"]))
	empty(subnets)
	result := {
		"msg": sprintf("Lambda function %s does not run in a VPC (no VpcConfig subnets)", [id]),
		"resource": id,
		"path": ["Properties", "VpcConfig"],
	}
}

empty(subnets) if subnets == null

empty(subnets) if {
	is_array(subnets)
	count(subnets) == 0
}
