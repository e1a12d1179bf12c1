# METADATA
# title: ECS task roles must not have administrator access
# description: >-
#   Every process in the task can obtain the task role's credentials from the
#   container credentials endpoint.  With the AWS-managed AdministratorAccess
#   policy (or an equivalent `Action: "*"` on `Resource: "*"` grant), a single
#   vulnerability in the application or one of its dependencies gives an
#   attacker full control of the AWS account.
# custom:
#   id: ECS.008
#   severity: critical
#   resource_types: [AWS::IAM::Role, AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::ECS::TaskDefinition]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-6(10), AC-3]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.5"]
#   remediation: |-
#     Remove `AdministratorAccess` (and any `*` on `*` statement) from the role and grant
#     only the actions and resources the service uses, with the constructs' grant methods.
#     ```ts
#     const taskDef = new ecs.FargateTaskDefinition(this, 'TaskDef');
#     // no taskDef.taskRole.addManagedPolicy(...AdministratorAccess)
#     ledgerTable.grantReadData(taskDef.taskRole);
#     paymentsQueue.grantSendMessages(taskDef.taskRole);
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ecs.task_role_administrator_access

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# Roles used by task definitions (task and execution roles) or trusted by
# the ECS tasks service.
ecs_roles contains rid if {
	some td in cfn.resources("AWS::ECS::TaskDefinition")
	some property in ["TaskRoleArn", "ExecutionRoleArn"]
	some v in aws_web.values(cfn.property(td, [property], null))
	rid := aws_web.ref_id(v)
}

ecs_roles contains rid if {
	some rid, role in cfn.resources("AWS::IAM::Role")
	some statement in cfn.as_array(cfn.property(role, ["AssumeRolePolicyDocument", "Statement"], []))
	some service in cfn.as_array(object.get(statement, ["Principal", "Service"], []))
	aws_web.text(service) == "ecs-tasks.amazonaws.com"
}

deny contains result if {
	some rid in ecs_roles
	role := input.Resources[rid]
	role.Type == "AWS::IAM::Role"
	arns := cfn.property(role, ["ManagedPolicyArns"], [])
	is_array(arns)
	some i, arn in arns
	endswith(aws_web.text(arn), ":iam::aws:policy/AdministratorAccess")
	result := {
		"msg": sprintf("ECS task role %s has the AWS-managed AdministratorAccess policy: any code running in the task controls the whole account", [rid]),
		"resource": rid,
		"path": ["Properties", "ManagedPolicyArns", i],
	}
}

deny contains result if {
	some rid in ecs_roles
	role := input.Resources[rid]
	role.Type == "AWS::IAM::Role"
	policies := cfn.property(role, ["Policies"], [])
	is_array(policies)
	some i, policy in policies
	some j, statement in cfn.as_array(object.get(policy, ["PolicyDocument", "Statement"], []))
	full_admin(statement)
	result := {
		"msg": sprintf("ECS task role %s has an inline policy (%v) allowing every action on every resource", [rid, object.get(policy, "PolicyName", i)]),
		"resource": rid,
		"path": ["Properties", "Policies", i, "PolicyDocument", "Statement", j],
	}
}

deny contains result if {
	some rid in ecs_roles
	some pid, policy in input.Resources
	policy.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	some attached in cfn.as_array(cfn.property(policy, ["Roles"], []))
	aws_web.ref_id(attached) == rid
	some j, statement in cfn.as_array(cfn.property(policy, ["PolicyDocument", "Statement"], []))
	full_admin(statement)
	result := {
		"msg": sprintf("Policy %s, attached to ECS task role %s, allows every action on every resource", [pid, rid]),
		"resource": pid,
		"path": ["Properties", "PolicyDocument", "Statement", j],
	}
}

full_admin(statement) if {
	object.get(statement, "Effect", "") == "Allow"
	"*" in cfn.as_array(object.get(statement, "Action", []))
	"*" in cfn.as_array(object.get(statement, "Resource", []))
	not statement.Condition
}
