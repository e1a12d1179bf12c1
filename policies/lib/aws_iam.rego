# METADATA
# title: regent AWS identity, policy-document and credential helpers
# description: >-
#   Shared by the built-in aws controls: IAM and resource-policy statements
#   wherever a template holds them, action/resource/principal wildcards,
#   TLS-only deny statements, customer-managed KMS key references, and
#   plain-text credentials (literal secrets, dynamic references, NoEcho
#   parameters).  `input` is the template.
package regent.aws_iam

import rego.v1

import data.regent.cfn

# ---------------------------------------------------------------------------
# CloudFormation scalar helpers (CloudFormation accepts "true"/"false" strings
# wherever it takes a boolean, and "5" wherever it takes a number).

is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

is_false(v) if v == false

is_false(v) if {
	is_string(v)
	lower(v) == "false"
}

# A number given as a number or a numeric string; undefined otherwise.
as_number(v) := v if is_number(v)

as_number(v) := to_number(v) if {
	is_string(v)
	regex.match(`^-?[0-9]+(\.[0-9]+)?$`, v)
}

# Every string literal inside a value (the value itself, or the literal parts
# of an Fn::Join / Fn::Sub / Fn::If ...).
literal_strings(v) := {s | walk(v, [_, s]); is_string(s)}

# ---------------------------------------------------------------------------
# Policy documents.

# Statements of a policy document, each with its path relative to the
# document (["Statement", i], or ["Statement"] for a single object).
statements(doc) := {[["Statement", i], s] | some i, s in doc.Statement} if is_array(doc.Statement)

statements(doc) := {[["Statement"], doc.Statement]} if is_object(doc.Statement)

# Identity-based policy documents of the template:
# [logical id, path of the document relative to the resource, document].
identity_policy_documents contains [id, ["Properties", "PolicyDocument"], r.Properties.PolicyDocument] if {
	some type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	some id, r in cfn.resources(type)
	is_object(r.Properties.PolicyDocument)
}

identity_policy_documents contains [id, ["Properties", "Policies", i, "PolicyDocument"], p.PolicyDocument] if {
	some type in {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	some id, r in cfn.resources(type)
	some i, p in r.Properties.Policies
	is_object(p.PolicyDocument)
}

# Allow statements of identity policies: [logical id, path, statement].
identity_allow_statements contains [id, array.concat(doc_path, spath), s] if {
	some [id, doc_path, doc] in identity_policy_documents
	some [spath, s] in statements(doc)
	s.Effect == "Allow"
}

actions(s) := [lower(a) | some a in cfn.as_array(s.Action); is_string(a)]

# The statement's actions as written, for messages.
action_text(s) := concat(", ", [sprintf("%v", [a]) | some a in cfn.as_array(s.Action)]) if {
	s.Action
} else := sprintf("NotAction %v", [s.NotAction])

resources(s) := cfn.as_array(s.Resource)

# The statement applies to every resource ("*", or NotResource).
all_resources(s) if "*" in resources(s)

all_resources(s) if s.NotResource

# Does an action pattern grant every action of every service?  (Allow with
# NotAction is broad too, but is not "everything".)
all_actions(s) if {
	some a in actions(s)
	a in {"*", "*:*"}
}

# Does some action pattern of the statement match the action (lower case)?
grants_action(s, action) if {
	some a in actions(s)
	glob.match(a, [], action)
}

# ---------------------------------------------------------------------------
# Principals.

# Anyone: "*" or {"AWS": "*"} (also inside an array).
public_principal(p) if p == "*"

public_principal(p) if "*" in cfn.as_array(p.AWS)

public_principal(p) if "*" in cfn.as_array(p.CanonicalUser)

# Condition keys that tie a statement to specific accounts, organizations,
# networks or source resources, so that a "*" principal is not "anyone".
restricting_condition_keys := {
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourcevpc", "aws:sourcevpce",
	"aws:sourceip", "aws:principalorgid", "aws:principalorgpaths", "aws:principalaccount",
	"aws:principalarn", "aws:userid", "aws:resourceorgid", "aws:sourceorgid", "aws:sourceorgpaths",
	"kms:calleraccount", "s3:dataaccesspointaccount", "s3:dataaccesspointarn",
}

restricted_by_condition(s) if {
	some _, block in s.Condition
	some key, _ in block
	lower(key) in restricting_condition_keys
}

# An Allow statement that any principal can use.
public_allow(s) if {
	s.Effect == "Allow"
	public_principal(s.Principal)
	not restricted_by_condition(s)
}

public_allow(s) if {
	s.Effect == "Allow"
	s.NotPrincipal
	not restricted_by_condition(s)
}

# ---------------------------------------------------------------------------
# TLS-only resource policies: a Deny statement conditioned on
# aws:SecureTransport = false.

denies_insecure_transport(doc) if {
	some [_, s] in statements(doc)
	s.Effect == "Deny"
	some op, block in s.Condition
	lower(op) in {"bool", "boolifexists"}
	some key, value in block
	lower(key) == "aws:securetransport"
	some v in cfn.as_array(value)
	is_false(v)
}

# ---------------------------------------------------------------------------
# KMS keys.

# An AWS-managed key given by alias ("alias/aws/s3", "arn:...:alias/aws/sqs").
aws_managed_key(v) if {
	some s in literal_strings(v)
	contains(lower(s), "alias/aws/")
}

# A customer-managed key: a reference to a key (Ref, Fn::GetAtt,
# Fn::ImportValue, a key id, key ARN or custom alias), not an alias/aws/* key.
customer_managed_key(v) if {
	v != null
	v != ""
	not no_value(v)
	not aws_managed_key(v)
}

no_value(v) if v.Ref == "AWS::NoValue"

# ---------------------------------------------------------------------------
# Secrets and credentials.

# A CloudFormation dynamic reference to Secrets Manager or SSM SecureString.
dynamic_secret_reference(v) if {
	some s in literal_strings(v)
	regex.match(`\{\{resolve:(secretsmanager|ssm-secure):`, s)
}

# A Ref to a template parameter declared with NoEcho: true.
noecho_parameter(v) if is_true(input.Parameters[v.Ref].NoEcho)

# A value that is written into the template (or a parameter default) in
# plain text: a literal string, or a Ref to a parameter without NoEcho.
plaintext_value(v) if {
	is_string(v)
	v != ""
	not dynamic_secret_reference(v)
}

plaintext_value(v) if {
	is_object(v)
	input.Parameters[v.Ref]
	not noecho_parameter(v)
}

plaintext_value(v) if {
	is_object(v)
	some k, _ in v
	k in {"Fn::Join", "Fn::Sub"}
	not dynamic_secret_reference(v)
	not references_noecho_parameter(v)
	count(literal_strings(v)) > 0
	not references_any_resource(v)
}

references_noecho_parameter(v) if {
	walk(v, [_, x])
	noecho_parameter(x)
}

references_any_resource(v) if {
	walk(v, [_, x])
	is_object(x)
	x.Ref in cfn.resource_ids
}

references_any_resource(v) if {
	walk(v, [_, x])
	is_object(x)
	x["Fn::GetAtt"][0] in cfn.resource_ids
}

# Names that say "this is a secret" (environment variables, parameters).
secret_name(name) if {
	is_string(name)
	regex.match(`(?i)(passw(or)?d|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credential|client[_-]?secret|auth[_-]?key|signing[_-]?key)`, name)
	not regex.match(`(?i)(_|-)(arn|name|url|uri|path|region|endpoint|file|type|length|expiry|ttl)$`, name)
}

# Values that have the shape of a well-known credential, whatever the name.
credential_shaped(v) if {
	is_string(v)
	regex.match(`(^|[^A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}([^A-Z0-9]|$)`, v)
}

credential_shaped(v) if {
	is_string(v)
	regex.match(`(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|(sk|rk)_live_[A-Za-z0-9]{8,}|xox[abprs]-[A-Za-z0-9-]{10,}|-----BEGIN [A-Z ]*PRIVATE KEY-----`, v)
}

# A literal that is a reference rather than a secret (an ARN, an SSM
# parameter name, a dynamic reference).
reference_literal(v) if {
	is_string(v)
	regex.match(`^(arn:|/|\{\{resolve:)`, v)
}

# A name/value pair that puts a secret into the template in plain text.
plaintext_secret(name, v) if credential_shaped(v)

plaintext_secret(name, v) if {
	secret_name(name)
	plaintext_value(v)
	not reference_literal(v)
}
