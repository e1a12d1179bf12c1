# METADATA
# title: Templates do not hard-code passwords, keys or tokens
# description: >-
#   A password, API key, token or private key written into a resource
#   property as a plain string (or through a parameter without NoEcho) is
#   stored in the template, the CDK cloud assembly, source control and the
#   stack's template history, readable by anyone with
#   cloudformation:GetTemplate or DescribeStacks. A NoEcho parameter with a
#   Default is the same hard-coded secret, one step removed. Properties that
#   the per-service controls check (database master passwords, CodeBuild,
#   ECS and Lambda environments, CodePipeline source credentials) are left
#   to them. Every resource is examined; resource_types names only the types
#   whose review is mostly this check.
# custom:
#   id: CFN.001
#   severity: critical
#   resource_types: [AWS::SSM::Parameter, AWS::ApiGateway::ApiKey, AWS::CodeBuild::SourceCredential, AWS::IAM::ServerCertificate]
#   whole_template: true
#   per_resource: true
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5, IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.3.2", "8.6.2"]
#   remediation: |-
#     Keep the secret in Secrets Manager and refer to it with a
#     `{{resolve:secretsmanager:...}}` dynamic reference (or pass it in a
#     NoEcho parameter without a Default), then rotate the exposed value.
#     ```ts
#     const secret = new secretsmanager.Secret(this, 'BrokerPassword', {
#       generateSecretString: { excludePunctuation: true },
#     });
#     new mq.CfnBroker(this, 'Broker', {
#       // ...
#       users: [{ username: 'app', password: secret.secretValue.unsafeUnwrap() }],
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudformation.hardcoded_secrets

import rego.v1

import data.regent.aws_iam
import data.regent.aws_web
import data.regent.cfn

# ---------------------------------------------------------------------------
# Findings on resource properties: [logical id, path below Properties, value].

# A property whose name says it holds a secret (Password, AuthToken,
# SecretString, client_secret ...), or an element of such an array property.
candidates contains [id, path, v] if {
	some id, r in input.Resources
	some [path, v, _] in cfn.find(object.get(r, "Properties", {}), secret_keys, set())
	not ignored_container(path)
	plaintext(v)
	not covered(r.Type, path)
}

# An element of an array property whose name says it holds secrets.
candidates contains [id, array.concat(path, [i]), v] if {
	some id, r in input.Resources
	some [path, arr, _] in cfn.find(object.get(r, "Properties", {}), secret_keys, set())
	is_array(arr)
	not ignored_container(path)
	some i, v in arr
	plaintext(v)
	not covered(r.Type, array.concat(path, [i]))
}

# A name/value pair whose name says it holds a secret: environment lists
# ({"Name": "DB_PASSWORD", "Value": ...}), Elastic Beanstalk option settings,
# SSM parameters named /app/db/password.
candidates contains [id, array.concat(pair_path, ["Value"]), pair.Value] if {
	some id, r in input.Resources
	some [path, _, pair] in cfn.find(object.get(r, "Properties", {}), set(), secret_pair_names)
	path[count(path) - 1] in {"Name", "OptionName", "Key"}
	is_object(pair)
	object.get(pair, "Value", null) != null
	plaintext(pair.Value)
	pair_path := array.slice(path, 0, count(path) - 1)
	not covered(r.Type, array.concat(pair_path, ["Value"]))
}

# Properties that hold a secret whatever their name.
candidates contains [id, [property], v] if {
	some id, r in input.Resources
	some property in secret_properties[r.Type]
	v := r.Properties[property]
	plaintext(v)
}

# A value that has the shape of a well-known credential (AWS access key,
# GitHub or Slack token, live payment key, PEM private key, URL with a
# password), wherever it is.
candidates contains [id, path, v] if {
	some id, r in input.Resources
	some [path, v, _] in cfn.find(object.get(r, "Properties", {}), set(), shaped_strings)
	not covered(r.Type, path)
}

deny contains result if {
	some [id, path, v] in candidates
	result := {
		"msg": sprintf("%s: %s is hard-coded in the template (%s); expected a {{resolve:secretsmanager:...}} dynamic reference or a NoEcho parameter", [id, concat(".", [sprintf("%v", [p]) | some p in path]), how(v)]),
		"resource": id,
		"path": array.concat(["Properties"], path),
	}
}

# ---------------------------------------------------------------------------
# NoEcho parameters with a default value.

deny contains result if {
	some name, p in input.Parameters
	aws_iam.is_true(object.get(p, "NoEcho", false))
	not ssm_parameter_type(p)
	default_value := object.get(p, "Default", "")
	default_value != ""
	result := {
		"msg": sprintf("Parameters.%s: NoEcho parameter has a Default, so the secret is written into the template; expected no Default (pass the value at deploy time) or a {{resolve:secretsmanager:...}} dynamic reference", [name]),
		"path": ["Parameters", name, "Default"],
	}
}

ssm_parameter_type(p) if startswith(object.get(p, "Type", ""), "AWS::SSM::Parameter::")

# ---------------------------------------------------------------------------
# Names and values.

# The distinct property names of the template that name a secret, the
# names of name/value pairs that do, and the strings that look like
# credentials: each distinct text is matched once (cfn.keys and
# cfn.strings list them; cfn.find locates the few that match).
secret_keys := {k | some k in cfn.matching(cfn.keys(input.Resources), sprintf("(?i)%s", [secret_name_prefilter])); secret_name(k)}

secret_pair_names := {name |
	names := {n | some [_, n, _] in cfn.find(input.Resources, {"Name", "OptionName", "Key"}, set())}
	some name in cfn.matching(names, sprintf("(?i)%s", [secret_name_prefilter]))
	secret_name(name)
}

shaped_strings := {v |
	some v in cfn.matching(cfn.strings(input.Resources), credential_prefilter) # the full check on the few that pass
	credential_shaped(v)
}

# Matches every name secret_name accepts (and more): every secret noun it
# knows contains "pass", "pwd", "secret", "token" or ends in "key", and
# secret_name ignores characters other than letters and digits, so the
# letters may be apart.  One search per distinct name; secret_name runs on
# the few that pass.
secret_name_prefilter := concat("|", [spaced(w) | some w in ["pass", "pwd", "secret", "token", "key"]])

spaced(word) := concat(`[^a-z0-9]*`, split(word, ""))

# Matches every string that any credential pattern of regent.aws_iam or
# regent.aws_web matches (and more).
credential_prefilter := concat("|", [
	aws_web._credential_any,
	`(AKIA|ASIA)[A-Z0-9]{16}`,
	`(ghp|gho|ghu|ghs|ghr)_|github_pat_|(sk|rk)_live_|xox[abprs]-|PRIVATE KEY-----`,
])

# The name of the property at path: its last key, or the key of the array
# it is an element of (["Passwords", 0]).
property_name(path) := path[count(path) - 1] if {
	count(path) > 0
	is_string(path[count(path) - 1])
}

property_name(path) := path[count(path) - 2] if {
	count(path) > 1
	is_number(path[count(path) - 1])
	is_string(path[count(path) - 2])
}

# The name ends with a secret noun (optionally followed by Value or
# String): MasterUserPassword, AuthToken, ApiKeyValue, SecretString,
# client_secret, DB_PASSWORD.  Names that end in Arn, Id, Name, Policy,
# Template ... describe a secret rather than hold one.
secret_name(name) if {
	is_string(name)
	not name in not_secret_names
	squashed := lower(regex.replace(name, `[^A-Za-z0-9]`, ""))
	regex.match(`((password|passwd|pwd|passphrase)s?|secret|token|apikey|accesskey|privatekey|secretkey|signingkey|authkey)(value|string)?$`, squashed)
}

# Names that end like a secret but are not one.
not_secret_names := {
	"ServiceToken", # custom resource handler ARN
	"ClientToken", # idempotency token
	"EventSourceToken", # Alexa skill id
	"GenerateSecret", # a boolean
}

# Containers whose keys are token names, not tokens (Cognito
# TokenValidityUnits: {"AccessToken": "hours"}).
ignored_container(path) if "TokenValidityUnits" in path

# A secret written in plain text: a literal (not a reference such as an ARN,
# an SSM parameter name or a dynamic reference), a Ref to a parameter
# without NoEcho, or an Fn::Join/Fn::Sub of literals.
plaintext(v) if {
	is_string(v)
	aws_iam.plaintext_value(v)
	not aws_iam.reference_literal(v)
	not regex.match(`(?i)^(true|false|yes|no|on|off|none|null|enabled|disabled)$`, v)
}

plaintext(v) if {
	is_object(v)
	aws_iam.plaintext_value(v)
	not aws_iam.reference_literal(aws_web.text(v))
}

credential_shaped(v) if aws_iam.credential_shaped(v)

# aws_web also knows URLs with a password and cloud API key formats.
credential_shaped(v) if aws_web.plaintext_secret("", v)

how(v) := sprintf("Ref to parameter %s without NoEcho", [v.Ref]) if {
	is_object(v)
	v.Ref
} else := "built from literal text" if {
	is_object(v)
} else := "literal value"

# Resource properties that always hold a secret value.
secret_properties := {"AWS::ApiGateway::ApiKey": ["Value"]}

# ---------------------------------------------------------------------------
# Properties other controls report (RDS.003, CODEBUILD.002, ECS.007,
# LAMBDA.004, CODEPIPELINE.001): leave them to those controls.

database_types := {
	"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::Redshift::Cluster",
	"AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster",
}

covered(type, path) if {
	type in database_types
	path[0] == "MasterUserPassword"
}

covered("AWS::Redshift::ServerlessNamespace", path) if path[0] == "AdminUserPassword"

covered("AWS::CodeBuild::Project", path) if array.slice(path, 0, 2) == ["Environment", "EnvironmentVariables"]

covered("AWS::ECS::TaskDefinition", path) if {
	path[0] == "ContainerDefinitions"
	path[2] == "Environment"
}

covered(type, path) if {
	type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
	array.slice(path, 0, 2) == ["Environment", "Variables"]
}

covered("AWS::CodePipeline::Pipeline", path) if {
	path[0] == "Stages"
	"Configuration" in path
}

covered("AWS::CodePipeline::Webhook", path) if array.slice(path, 0, 2) == ["AuthenticationConfiguration", "SecretToken"]
