package regent.aws.ecs.container_plaintext_secrets_test

import rego.v1

import data.regent.aws.ecs.container_plaintext_secrets as secrets
import data.regent.cfn

tpl(resources) := {"Resources": resources}

task(env) := {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "api", "Environment": env}]}}

test_password_literal_is_denied if {
	some r in secrets.deny with input as tpl({"Td": task([{"Name": "DB_PASSWORD", "Value": "Winter2024!payments"}])})
	r.resource == "Td"
	r.path == ["Properties", "ContainerDefinitions", 0, "Environment", 0, "Value"]
	contains(r.msg, "DB_PASSWORD")
	contains(r.msg, "its name says it holds a secret")
}

test_access_key_under_any_name_is_denied if {
	some r in secrets.deny with input as tpl({"Td": task([{"Name": "X", "Value": "AKIAIOSFODNN7EXAMPLE"}])})
	contains(r.msg, "looks like a credential")
}

test_ordinary_configuration_passes if {
	count(secrets.deny) == 0 with input as tpl({"Td": task([
		{"Name": "SPRING_PROFILES_ACTIVE", "Value": "prod"},
		{"Name": "DB_HOST", "Value": "ledger.cluster-abc123.eu-west-2.rds.amazonaws.com"},
		{"Name": "DB_PASSWORD_SECRET_ARN", "Value": "arn:aws:secretsmanager:eu-west-2:111122223333:secret:db"},
		{"Name": "TOKEN_TTL", "Value": "300"},
		{"Name": "API_KEY", "Value": "{{resolve:secretsmanager:partner:SecretString:key}}"},
	])})
}

test_secrets_injection_passes if {
	count(secrets.deny) == 0 with input as tpl({"Td": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{
		"Name": "api",
		"Secrets": [{"Name": "DB_PASSWORD", "ValueFrom": {"Fn::Join": ["", [{"Ref": "DbSecret"}, ":password::"]]}}],
	}]}}})
}

test_malformed_environment_is_ignored if {
	count(secrets.deny) == 0 with input as tpl({
		"A": task({"DB_PASSWORD": "x"}),
		"B": task(["DB_PASSWORD=hunter2"]),
		"C": task([{"Name": "DB_PASSWORD"}]),
	})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Td": task([{"Name": "DB_PASSWORD", "Value": {"Fn::If": ["IsProd", {"Ref": "AWS::NoValue"}, "devpassword1"]}}])},
}

test_insecure_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in secrets.deny with input as v.template
	r.resource == "Td"
}

test_secure_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(secrets.deny) == 0 with input as v.template
}

test_parameter_default_secret_is_denied if {
	t := {
		"Parameters": {"DbPassword": {"Type": "String", "Default": "Winter2024!payments"}},
		"Resources": {"Td": task([{"Name": "DB_PASSWORD", "Value": {"Ref": "DbPassword"}}])},
	}
	some v in cfn.variants(t)
	some r in secrets.deny with input as v.template
	r.resource == "Td"
}

test_cdk_style_template_is_denied if {
	t := tpl({"TaskDef54694570": {
		"Type": "AWS::ECS::TaskDefinition",
		"Properties": {
			"ContainerDefinitions": [{"Name": "api", "Environment": [{"Name": "AWS_SECRET_ACCESS_KEY", "Value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]}],
			"TaskRoleArn": {"Fn::GetAtt": ["TaskDefTaskRole1EDB4A67", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "web/TaskDef/Resource"},
	}})
	some r in secrets.deny with input as t
	r.resource == "TaskDef54694570"
}
