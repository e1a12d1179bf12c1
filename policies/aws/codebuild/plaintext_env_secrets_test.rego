package regent.aws.codebuild.plaintext_env_secrets_test

import rego.v1

import data.regent.aws.codebuild.plaintext_env_secrets
import data.regent.cfn

tpl(resources) := {"Resources": resources}

project(vars) := {"Type": "AWS::CodeBuild::Project", "Properties": {
	"Source": {"Type": "CODEPIPELINE"},
	"Artifacts": {"Type": "CODEPIPELINE"},
	"Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0", "EnvironmentVariables": vars},
}}

test_plaintext_secret_is_denied if {
	some r in plaintext_env_secrets.deny with input as tpl({"P": project([{"Name": "DEPLOY_TOKEN", "Value": "s3cr3t-value", "Type": "PLAINTEXT"}])})
	r.resource == "P"
	r.path == ["Properties", "Environment", "EnvironmentVariables", 0]
	contains(r.msg, "DEPLOY_TOKEN")
}

test_access_key_without_type_is_denied if {
	some r in plaintext_env_secrets.deny with input as tpl({"P": project([{"Name": "KEY_ID", "Value": "AKIAIOSFODNN7EXAMPLE"}])})
	r.resource == "P"
}

test_secrets_manager_variable_passes if {
	count(plaintext_env_secrets.deny) == 0 with input as tpl({"P": project([{"Name": "DEPLOY_TOKEN", "Value": "ci/deploy-token:token", "Type": "SECRETS_MANAGER"}])})
}

test_non_secret_variables_pass if {
	count(plaintext_env_secrets.deny) == 0 with input as tpl({"P": project([
		{"Name": "STAGE", "Value": "prod"},
		{"Name": "TOKEN_PARAMETER_ARN", "Value": "arn:aws:ssm:eu-west-2:111122223333:parameter/ci/token"},
		{"Name": "DB_PASSWORD", "Value": "{{resolve:secretsmanager:ci/db:SecretString:password}}"},
	])})
}

test_ref_to_noecho_parameter_passes if {
	count(plaintext_env_secrets.deny) == 0 with input as {
		"Parameters": {"Token": {"Type": "String", "NoEcho": "true"}},
		"Resources": {"P": project([{"Name": "DEPLOY_TOKEN", "Value": {"Ref": "Token"}}])},
	}
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": project([{"Name": "API_KEY", "Value": {"Fn::If": ["IsProd", "{{resolve:secretsmanager:ci/api-key}}", "dev-api-key-123"]}}])},
}

test_plaintext_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in plaintext_env_secrets.deny with input as v.template
	r.resource == "P"
}

test_dynamic_reference_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(plaintext_env_secrets.deny) == 0 with input as v.template
}

test_parameter_default_secret_is_denied if {
	t := {
		"Parameters": {"Token": {"Type": "String", "Default": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}},
		"Resources": {"P": project([{"Name": "GITHUB_TOKEN", "Value": {"Ref": "Token"}}])},
	}
	some v in cfn.variants(t)
	some r in plaintext_env_secrets.deny with input as v.template
	r.resource == "P"
}

test_cdk_project_with_secret_reference_passes if {
	count(plaintext_env_secrets.deny) == 0 with input as tpl({"SiteBuildDBCDCF44": {
		"Type": "AWS::CodeBuild::Project",
		"Properties": {
			"Artifacts": {"Type": "CODEPIPELINE"},
			"Source": {"Type": "CODEPIPELINE"},
			"Environment": {
				"ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0", "Type": "LINUX_CONTAINER",
				"EnvironmentVariables": [{"Name": "DEPLOY_TOKEN", "Type": "SECRETS_MANAGER", "Value": {"Ref": "DeployTokenSecret5E6F7A8B"}}],
			},
		},
		"Metadata": {"aws:cdk:path": "app/SiteBuild/Resource"},
	}})
}
