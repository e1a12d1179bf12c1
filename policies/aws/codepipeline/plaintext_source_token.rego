# METADATA
# title: CodePipeline source credentials are not written in plain text
# description: >-
#   A GitHub OAuth or personal access token given as a literal in a
#   pipeline action's configuration (or as a webhook's secret token) is
#   stored in the template, the cloud assembly and source control, and is
#   returned by GetPipeline to anyone allowed to read the pipeline. The
#   token grants access to the source repositories and often to the whole
#   organization.
# custom:
#   id: CODEPIPELINE.001
#   severity: critical
#   resource_types: [AWS::CodePipeline::Pipeline, AWS::CodePipeline::Webhook]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#   remediation: |-
#     Use a CodeConnections (CodeStar) connection, or resolve the token from
#     Secrets Manager with a `{{resolve:secretsmanager:...}}` dynamic
#     reference, and rotate the leaked token.
#     ```ts
#     new codepipeline_actions.CodeStarConnectionsSourceAction({
#       actionName: 'Source',
#       connectionArn,
#       owner: 'example-bank',
#       repo: 'online-banking-web',
#       output: sourceOutput,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.codepipeline.plaintext_source_token

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CodePipeline::Pipeline")
	some i, stage in r.Properties.Stages
	some j, action in stage.Actions
	some key, value in action.Configuration
	aws_iam.plaintext_secret(key, value)
	result := {
		"msg": sprintf("%s: pipeline action %v/%v has %s in plain text; expected a connection or a {{resolve:secretsmanager:...}} reference", [id, object.get(stage, "Name", i), object.get(action, "Name", j), key]),
		"resource": id,
		"path": ["Properties", "Stages", i, "Actions", j, "Configuration", key],
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::CodePipeline::Webhook")
	token := r.Properties.AuthenticationConfiguration.SecretToken
	aws_iam.plaintext_value(token)
	result := {
		"msg": sprintf("%s: pipeline webhook secret token is written in plain text; expected a {{resolve:secretsmanager:...}} reference", [id]),
		"resource": id,
		"path": ["Properties", "AuthenticationConfiguration", "SecretToken"],
	}
}
