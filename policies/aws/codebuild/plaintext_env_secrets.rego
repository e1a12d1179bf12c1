# METADATA
# title: CodeBuild projects do not hold secrets in plain-text environment variables
# description: >-
#   A PLAINTEXT environment variable is stored in the template, shown in the
#   CodeBuild console and BatchGetProjects output, and printed by any build
#   step that dumps the environment. Credentials such as AWS access keys or
#   tokens placed there are effectively public to everyone who can see the
#   project or its logs. Variables are reported when their name says they
#   hold a secret or their value looks like a known credential format.
# custom:
#   id: CODEBUILD.002
#   severity: critical
#   resource_types: [AWS::CodeBuild::Project]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#   remediation: |-
#     Use `Type: SECRETS_MANAGER` or `PARAMETER_STORE` with the secret's name
#     as the value, never give a build AWS access keys (it has a service
#     role), and rotate the exposed credential.
#     ```ts
#     new codebuild.Project(this, 'Build', {
#       environmentVariables: {
#         GITHUB_TOKEN: { type: codebuild.BuildEnvironmentVariableType.SECRETS_MANAGER, value: 'ci/github-token' },
#       },
#     });
#     ```
#   aliases:
#     control_tower: [CT.CODEBUILD.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.codebuild.plaintext_env_secrets

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CodeBuild::Project")
	some i, var in r.Properties.Environment.EnvironmentVariables
	object.get(var, "Type", "PLAINTEXT") == "PLAINTEXT"
	aws_iam.plaintext_secret(var.Name, var.Value)
	result := {
		"msg": sprintf("%s: CodeBuild environment variable %v holds a secret in plain text; expected Type: SECRETS_MANAGER or PARAMETER_STORE", [id, var.Name]),
		"resource": id,
		"path": ["Properties", "Environment", "EnvironmentVariables", i],
	}
}
