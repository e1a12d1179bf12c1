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
#   remediation: >-
#     Remove the output. If the key must exist, write it to a Secrets
#     Manager secret (CDK: `new secretsmanager.Secret(this, 'S', {
#     secretStringValue: accessKey.secretAccessKey })`) and grant read access
#     to the consumer.
#   frameworks:
#     nist-800-53: [IA-5(7), SC-28]
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
