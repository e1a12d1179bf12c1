# METADATA
# title: IAM roles are used by exactly one resource
# description: >-
#   When several workloads (functions, task definitions, build projects,
#   instance profiles, pipelines, state machines) run with one IAM role, each
#   of them holds the union of the permissions all of them need: a flaw in
#   the least trusted one (a public function, a build running third-party
#   code) exposes everything the others may do, and the role cannot be
#   narrowed per workload. A task definition that uses one role as both task
#   and execution role, and policies attached to a role, are not extra uses;
#   roles shared only by EventBridge rules (CDK's per-target events role) are
#   not reported, since rules run no code of their own.
# custom:
#   id: IAM.007
#   severity: medium
#   resource_types: [AWS::IAM::Role, AWS::Lambda::Function, AWS::Serverless::Function, AWS::ECS::TaskDefinition, AWS::CodeBuild::Project, AWS::IAM::InstanceProfile, AWS::CodePipeline::Pipeline, AWS::StepFunctions::StateMachine, AWS::Serverless::StateMachine, AWS::Events::Rule, AWS::AppSync::DataSource, AWS::Glue::Job, AWS::Glue::Crawler, AWS::Synthetics::Canary, AWS::Batch::JobDefinition]
#   threats: [T05, T04]
#   mitigations: [M05]
#   frameworks:
#     nist-800-53: [AC-6, AC-5]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.2"]
#   remediation: |-
#     Give each workload its own role with only the permissions it needs, and grant access per workload.
#     ```ts
#     // let each construct create its own role (do not pass a shared `role`)
#     const getFn = new lambda.Function(this, 'Get', { runtime, handler, code });
#     const putFn = new lambda.Function(this, 'Put', { runtime, handler, code });
#     table.grantReadData(getFn);
#     table.grantWriteData(putFn);
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.shared_role

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# ---------------------------------------------------------------------------
# Where resources name the IAM role they run with (also used by IAM.008).

# Type -> properties that hold one role (ARN, or name where noted below).
role_properties := {
	"AWS::Lambda::Function": ["Role"],
	"AWS::Serverless::Function": ["Role"],
	"AWS::ECS::TaskDefinition": ["TaskRoleArn", "ExecutionRoleArn"],
	"AWS::CodeBuild::Project": ["ServiceRole"],
	"AWS::CodePipeline::Pipeline": ["RoleArn"],
	"AWS::StepFunctions::StateMachine": ["RoleArn"],
	"AWS::Serverless::StateMachine": ["Role"],
	"AWS::AppSync::DataSource": ["ServiceRoleArn"],
	"AWS::Glue::Job": ["Role"],
	"AWS::Glue::Crawler": ["Role"],
	"AWS::Synthetics::Canary": ["ExecutionRoleArn"],
}

# Properties that also accept a role name instead of an ARN.
name_properties := {
	["AWS::CodeBuild::Project", "ServiceRole"],
	["AWS::Glue::Job", "Role"],
	["AWS::Glue::Crawler", "Role"],
	["AWS::IAM::InstanceProfile", "Roles"],
}

# Every role use: [logical id, path below the resource, value, accepts a name].
role_uses contains [id, ["Properties", p], v, accepts_name(r.Type, p)] if {
	some id, r in input.Resources
	some p in role_properties[r.Type]
	v := r.Properties[p]
	v != null
}

accepts_name(type, p) := true if {
	[type, p] in name_properties
} else := false

role_uses contains [id, ["Properties", "Roles", i], v, true] if {
	some id, r in cfn.resources("AWS::IAM::InstanceProfile")
	some i, v in array_of(r.Properties.Roles)
}

role_uses contains [id, ["Properties", "Stages", i, "Actions", j, "RoleArn"], a.RoleArn, false] if {
	some id, r in cfn.resources("AWS::CodePipeline::Pipeline")
	some i, stage in array_of(r.Properties.Stages)
	some j, a in array_of(stage.Actions)
	a.RoleArn != null
}

role_uses contains [id, ["Properties", "Targets", i, "RoleArn"], t.RoleArn, false] if {
	some id, r in cfn.resources("AWS::Events::Rule")
	some i, t in array_of(r.Properties.Targets)
	t.RoleArn != null
}

role_uses contains [id, ["Properties", "ContainerProperties", p], v, false] if {
	some id, r in cfn.resources("AWS::Batch::JobDefinition")
	some p in ["JobRoleArn", "ExecutionRoleArn"]
	v := r.Properties.ContainerProperties[p]
	v != null
}

array_of(x) := x if is_array(x)

array_of(x) := [] if not is_array(x)

# ---------------------------------------------------------------------------
# Which role a value designates.

# Logical ids of the template's roles.
template_role(id) if input.Resources[id].Type == "AWS::IAM::Role"

# The role name (last path segment) of a role ARN or, where names are
# accepted, of a plain name; text built with Fn::Sub/Fn::Join keeps its
# references as "${Name}".
role_name(v, accepts_name) := name if {
	t := aws_web.text(v)
	m := regex.find_all_string_submatch_n(arn_pattern, t, 1)
	count(m) == 1
	parts := split(m[0][3], "/")
	name := parts[count(parts) - 1]
	name != ""
}

role_name(v, true) := t if {
	t := aws_web.text(v)
	not contains(t, ":")
	not contains(t, "/")
	t != ""
}

# arn:PARTITION:iam::ACCOUNT:role/PATH/NAME, where partition and account may
# be ${AWS::Partition} / ${AWS::AccountId} (which contain colons).
arn_pattern := `^arn:(\$\{[^}]*\}|[^:$]*):iam::(\$\{[^}]*\}|[^:$]*):role/(.+)$`

# The template role whose RoleName is name (literal or the same Fn::Sub
# text); the first by logical id should a broken template name two alike.
role_named(name) := ids[0] if {
	ids := sort([id |
		some id, r in cfn.resources("AWS::IAM::Role")
		aws_web.text(r.Properties.RoleName) == name
	])
	count(ids) > 0
}

# The role a value designates: {"id": logical id} for a template role
# (reference, or its RoleName spelled out), {"name": name} for any other role
# named by text; undefined when unknown (parameters, imports).
role_key(v, _) := {"id": id} if {
	id := aws_web.ref_id(v)
	template_role(id)
}

role_key(v, accepts_name) := key if {
	not aws_web.ref_id(v)
	name := role_name(v, accepts_name)
	key := name_key(name)
}

name_key(name) := {"id": role_named(name)}

name_key(name) := {"name": name} if not role_named(name)

key_text(key) := key.id

key_text(key) := key.name

# ---------------------------------------------------------------------------
# Sharing.

# Each role use with the role it designates: [logical id, path, key].
keyed_uses contains [id, path, key] if {
	some [id, path, v, n] in role_uses
	key := role_key(v, n)
}

role_keys := {key | some [_, _, key] in keyed_uses}

# Role key -> logical ids of the resources that use it.
users[key] := {id | some [id, _, k] in keyed_uses; k == key} if some key in role_keys

# Only EventBridge rules use the role.
only_rules(ids) if {
	every id in ids {
		input.Resources[id].Type == "AWS::Events::Rule"
	}
}

shared(key) if {
	count(users[key]) > 1
	not only_rules(users[key])
}

# At most five names, then how many more, for messages.
name_list(ids) := concat(", ", ids) if {
	count(ids) <= 5
} else := sprintf("%s and %d more", [concat(", ", array.slice(ids, 0, 5)), count(ids) - 5])

# On each resource that uses a shared role (once, at its first role property
# that names it: a task definition may name it twice).
deny contains result if {
	some key, ids in users
	shared(key)
	some id in ids
	paths := sort([path | some [id2, path, k] in keyed_uses; id2 == id; k == key])
	others := sort([o | some o in ids; o != id])
	result := {
		"msg": sprintf("%s: %s runs with IAM role %s, which is also used by %s; a compromise of any of them grants the permissions of all. Expected a role of its own", [id, input.Resources[id].Type, key_text(key), name_list(others)]),
		"resource": id,
		"path": paths[0],
	}
}

# On the shared role itself, when the template defines it.
deny contains result if {
	some key, ids in users
	shared(key)
	input.Resources[key.id]
	result := {
		"msg": sprintf("%s: IAM role is used by %d resources (%s); expected one role per workload, each with only the permissions it needs", [key.id, count(ids), name_list(sort(ids))]),
		"resource": key.id,
		"path": ["Properties", "AssumeRolePolicyDocument"],
	}
}
