# METADATA
# title: ECS container environments must not hold plain-text secrets
# description: >-
#   Values in a container definition's `Environment` are stored in clear in
#   the task definition: anyone with ecs:DescribeTaskDefinition, read access
#   to the CloudFormation template or stack, or the CDK source can read
#   them, and they cannot be rotated without a new deployment.  Passwords,
#   access keys and API tokens belong in Secrets Manager or SSM Parameter
#   Store and are injected through `Secrets`.
# custom:
#   id: ECS.007
#   severity: high
#   resource_types: [AWS::ECS::TaskDefinition]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5, IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#   remediation: |-
#     Store the value in AWS Secrets Manager (or a SecureString SSM parameter) and inject
#     it through the container's `Secrets`; give the task role IAM permissions instead of
#     static access keys, and rotate any credential that was exposed.
#     ```ts
#     taskDef.addContainer('api', {
#       image: ecs.ContainerImage.fromEcrRepository(repo, '1.14.2'),
#       secrets: {
#         DB_PASSWORD: ecs.Secret.fromSecretsManager(dbSecret, 'password'),
#       },
#     });
#     ```
#   aliases:
#     control_tower: [CT.ECS.PR.12]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.container_plaintext_secrets

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, td in cfn.resources("AWS::ECS::TaskDefinition")
	containers := cfn.property(td, ["ContainerDefinitions"], [])
	is_array(containers)
	some i, c in containers
	is_object(c)
	env := object.get(c, "Environment", [])
	is_array(env)
	some j, var in env
	is_object(var)
	name := object.get(var, "Name", "")
	some value in aws_web.values(object.get(var, "Value", null))
	aws_web.plaintext_secret(name, value)
	result := {
		"msg": sprintf("Container %q of task definition %s has environment variable %s in plain text: %s", [object.get(c, "Name", sprintf("#%d", [i])), id, name, aws_web.secret_reason(name, value)]),
		"resource": id,
		"path": ["Properties", "ContainerDefinitions", i, "Environment", j, "Value"],
	}
}
