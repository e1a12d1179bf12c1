# METADATA
# title: Secret access keys are not exposed in stack outputs
# description: >-
#   An output with `Fn::GetAtt [<AccessKey>, SecretAccessKey]` publishes the
#   secret in clear text to anyone allowed cloudformation:DescribeStacks,
#   to the CloudFormation console, and to CI logs that print outputs; it
#   also lands in CDK's outputs file. The finding is reported on the output
#   (path under Outputs, no resource).
# custom:
#   id: IAM.004
#   severity: critical
#   resource_types: [AWS::IAM::AccessKey]
#   whole_template: true
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2"]
#   remediation: |-
#     Remove the output; if the key must exist, store its secret in a Secrets Manager secret and grant read access to the consumer.
#     ```ts
#     new secretsmanager.Secret(this, 'KeySecret', {
#       secretStringValue: accessKey.secretAccessKey,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.access_key_secret_output

import rego.v1

import data.regent.cfn

secret_attribute(v, key) if {
	v["Fn::GetAtt"][0] == key
	v["Fn::GetAtt"][1] == "SecretAccessKey"
}

secret_attribute(v, key) if v["Fn::GetAtt"] == sprintf("%s.SecretAccessKey", [key])

secret_attribute(v, key) if {
	is_string(v["Fn::Sub"])
	contains(v["Fn::Sub"], sprintf("${%s.SecretAccessKey}", [key]))
}

deny contains result if {
	some name, output in input.Outputs
	some key, _ in cfn.resources("AWS::IAM::AccessKey")
	walk(output.Value, [_, v])
	secret_attribute(v, key)
	result := {
		"msg": sprintf("Outputs.%s: stack output exposes the secret access key of %s in plain text; expected no output of SecretAccessKey (store it in Secrets Manager)", [name, key]),
		"path": ["Outputs", name, "Value"],
	}
}
