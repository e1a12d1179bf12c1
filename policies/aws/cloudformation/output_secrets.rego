# METADATA
# title: Stack outputs do not expose secrets
# description: >-
#   Stack outputs are shown in clear to anyone allowed
#   cloudformation:DescribeStacks, in the CloudFormation console, in CI logs
#   that print them and in CDK's outputs file; NoEcho does not mask a
#   parameter that an output returns. An output that returns a NoEcho
#   parameter, a secret attribute (a user pool client's ClientSecret, an
#   AppSync API key) or a literal password or token publishes the secret.
#   Access key secrets in outputs are reported by IAM.004.
# custom:
#   id: CFN.002
#   severity: high
#   resource_types: [AWS::Cognito::UserPoolClient, AWS::AppSync::ApiKey]
#   whole_template: true
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2"]
#   remediation: |-
#     Remove the output; give consumers read access to the secret in Secrets
#     Manager (or its ARN as the output) instead.
#     ```ts
#     const clientSecret = new secretsmanager.Secret(this, 'ClientSecret', {
#       secretStringValue: client.userPoolClientSecret,
#     });
#     new cdk.CfnOutput(this, 'ClientSecretArn', { value: clientSecret.secretArn });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudformation.output_secrets

import rego.v1

import data.regent.aws_iam
import data.regent.aws_web

# Attributes that return a secret value, by resource type.
secret_attributes := {
	"AWS::Cognito::UserPoolClient": {"ClientSecret"},
	"AWS::AppSync::ApiKey": {"ApiKey"},
}

deny contains result if {
	some name, output in input.Outputs
	some why in exposures(output.Value)
	result := {
		"msg": sprintf("Outputs.%s: stack output exposes %s in plain text; expected no secret in outputs (output the secret's ARN and grant read access)", [name, why]),
		"path": ["Outputs", name, "Value"],
	}
}

# What in an output value is a secret, as descriptions for the message.
exposures(value) := {why |
	walk(value, [_, v])
	why := exposure(v)
} | {why |
	some s in aws_iam.literal_strings(value)
	credential_shaped(s)
	why := "a value that looks like a credential"
}

exposure(v) := sprintf("NoEcho parameter %s", [v.Ref]) if aws_iam.noecho_parameter(v)

exposure(v) := sprintf("the %s of %s", [attribute, id]) if {
	[id, attribute] := get_att(v)
	attribute in secret_attributes[input.Resources[id].Type]
}

exposure(v) := sprintf("the %s of %s", [attribute, id]) if {
	is_string(v["Fn::Sub"])
	some id, r in input.Resources
	some attribute in secret_attributes[r.Type]
	contains(v["Fn::Sub"], sprintf("${%s.%s}", [id, attribute]))
}

get_att(v) := [v["Fn::GetAtt"][0], v["Fn::GetAtt"][1]] if is_array(v["Fn::GetAtt"])

get_att(v) := split(v["Fn::GetAtt"], ".") if {
	is_string(v["Fn::GetAtt"])
	count(split(v["Fn::GetAtt"], ".")) == 2
}

credential_shaped(s) if aws_iam.credential_shaped(s)

credential_shaped(s) if aws_web.plaintext_secret("", s)
