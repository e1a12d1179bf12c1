# METADATA
# title: Workloads use IAM roles that the template defines
# description: >-
#   A function, task, build project, pipeline, state machine or instance
#   profile whose role is a hard-coded ARN or name (a literal, or built with
#   Fn::Sub / Fn::Join) of a role this template does not define runs with
#   permissions nobody reviews with the template: often a broad legacy role
#   shared by many workloads, sometimes in another account. The CDK bootstrap
#   roles (cdk-QUALIFIER-{deploy,file-publishing,image-publishing,lookup,
#   cfn-exec}-role-ACCOUNT-REGION) are documented and accepted; roles passed
#   in as template parameters without a default, or imported from other
#   stacks, are not reported (a parameter's default counts as written).
# custom:
#   id: IAM.008
#   severity: high
#   resource_types: [AWS::IAM::Role, AWS::Lambda::Function, AWS::Serverless::Function, AWS::ECS::TaskDefinition, AWS::CodeBuild::Project, AWS::IAM::InstanceProfile, AWS::CodePipeline::Pipeline, AWS::StepFunctions::StateMachine, AWS::Serverless::StateMachine, AWS::Events::Rule, AWS::AppSync::DataSource, AWS::Glue::Job, AWS::Glue::Crawler, AWS::Synthetics::Canary, AWS::Batch::JobDefinition]
#   threats: [T05, T04]
#   mitigations: [M05]
#   frameworks:
#     nist-800-53: [AC-6, CM-2, CM-8]
#     soc2: [CC6.1, CC8.1]
#   remediation: |-
#     Define the role in the stack with least-privilege policies and reference it (`Fn::GetAtt [Role, Arn]`); if an existing role must be used, pass it in as a parameter and review its policies.
#     ```ts
#     const role = new iam.Role(this, 'FnRole', {
#       assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
#     });
#     new lambda.Function(this, 'Fn', { runtime, handler, code, role });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.hardcoded_role

import rego.v1

import data.regent.aws.iam.shared_role
import data.regent.aws_web
import data.regent.cfn

# The CDK bootstrap roles, by name.
cdk_bootstrap_role(name) if regex.match(
	`^cdk-[a-z0-9]+-(deploy|file-publishing|image-publishing|lookup|cfn-exec)-role-([0-9]{12}|\$\{AWS::AccountId\})-([a-z0-9-]+|\$\{AWS::Region\})$`,
	name,
)

# "${X}" references in a name that are not pseudo parameters: the name is
# then an input (a parameter), another resource's attribute, or unknown.
named_by_input(name) if {
	some m in regex.find_all_string_submatch_n(`\$\{([^}]*)\}`, name, -1)
	not startswith(m[1], "AWS::")
}

# How the role is written, for messages: its name, the ARN text when that
# differs, and the account when it is a literal account id.
describe(name, t) := sprintf("%s (%q, account %s)", [name, t, m[0][2]]) if {
	m := regex.find_all_string_submatch_n(shared_role.arn_pattern, t, 1)
	count(m) == 1
	regex.match(`^[0-9]{12}$`, m[0][2])
} else := sprintf("%s (%q)", [name, t]) if {
	t != name
} else := name

deny contains result if {
	some [id, path, v, accepts_name] in shared_role.role_uses
	some pv in cfn.possible_values(v)
	not pv.absent
	not aws_web.ref_id(pv.value)
	name := shared_role.role_name(pv.value, accepts_name)
	not shared_role.role_named(name)
	not named_by_input(name)
	not cdk_bootstrap_role(name)
	text := aws_web.text(pv.value)
	result := {
		"msg": sprintf("%s: %s runs with the hard-coded IAM role %s, which this template does not define, so its permissions are not reviewed with the stack; expected a role defined in the template and referenced with Fn::GetAtt", [id, input.Resources[id].Type, describe(name, text)]),
		"resource": id,
		"path": path,
		"conditions": pv.conditions,
	}
}
