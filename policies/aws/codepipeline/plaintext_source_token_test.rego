package regent.aws.codepipeline.plaintext_source_token_test

import rego.v1

import data.regent.aws.codepipeline.plaintext_source_token
import data.regent.cfn

tpl(resources) := {"Resources": resources}

pipeline(config) := {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
	"RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
	"ArtifactStore": {"Type": "S3", "Location": "artifacts"},
	"Stages": [{"Name": "Source", "Actions": [{
		"Name": "GitHub",
		"ActionTypeId": {"Category": "Source", "Owner": "ThirdParty", "Provider": "GitHub", "Version": "1"},
		"Configuration": config,
		"OutputArtifacts": [{"Name": "src"}],
	}]}],
}}

github(token) := {"Owner": "example-bank", "Repo": "web", "Branch": "main", "OAuthToken": token, "PollForSourceChanges": false}

test_literal_oauth_token_is_denied if {
	some r in plaintext_source_token.deny with input as tpl({"P": pipeline(github("ghp_abcdefghijklmnopqrstuvwxyz0123456789"))})
	r.resource == "P"
	r.path == ["Properties", "Stages", 0, "Actions", 0, "Configuration", "OAuthToken"]
	contains(r.msg, "Source/GitHub has OAuthToken in plain text")
}

test_dynamic_reference_passes if {
	count(plaintext_source_token.deny) == 0 with input as tpl({"P": pipeline(github("{{resolve:secretsmanager:github-token:SecretString:token}}"))})
}

test_connection_action_passes if {
	count(plaintext_source_token.deny) == 0 with input as tpl({"P": pipeline({"ConnectionArn": "arn:aws:codestar-connections:eu-west-2:111122223333:connection/abc", "FullRepositoryId": "example-bank/web", "BranchName": "main"})})
}

test_webhook_secret_token_is_denied if {
	w := {"Type": "AWS::CodePipeline::Webhook", "Properties": {
		"Authentication": "GITHUB_HMAC",
		"AuthenticationConfiguration": {"SecretToken": "my-webhook-secret"},
		"TargetPipeline": {"Ref": "P"}, "TargetAction": "GitHub", "TargetPipelineVersion": 1,
		"Filters": [{"JsonPath": "$.ref", "MatchEquals": "refs/heads/{Branch}"}],
	}}
	some r in plaintext_source_token.deny with input as tpl({"W": w})
	r.resource == "W"
	r.path == ["Properties", "AuthenticationConfiguration", "SecretToken"]
}

test_ref_to_parameter_without_noecho_is_denied if {
	t := {"Parameters": {"GitHubToken": {"Type": "String"}}, "Resources": {"P": pipeline(github({"Ref": "GitHubToken"}))}}
	some r in plaintext_source_token.deny with input as t
	r.resource == "P"
}

test_ref_to_noecho_parameter_passes if {
	t := {"Parameters": {"GitHubToken": {"Type": "String", "NoEcho": true}}, "Resources": {"P": pipeline(github({"Ref": "GitHubToken"}))}}
	count(plaintext_source_token.deny) == 0 with input as t
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": pipeline(github({"Fn::If": ["IsProd", "{{resolve:secretsmanager:github-token}}", "ghp_devtokenabcdefghijklmnopqrstuvwxyz01"]}))},
}

test_literal_token_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in plaintext_source_token.deny with input as v.template
	r.resource == "P"
}

test_dynamic_reference_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(plaintext_source_token.deny) == 0 with input as v.template
}

test_parameter_default_token_is_denied if {
	t := {"Parameters": {"GitHubToken": {"Type": "String", "Default": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}, "Resources": {"P": pipeline(github({"Ref": "GitHubToken"}))}}
	some v in cfn.variants(t)
	some r in plaintext_source_token.deny with input as v.template
	r.resource == "P"
}

test_cdk_connection_pipeline_passes if {
	count(plaintext_source_token.deny) == 0 with input as tpl({"PipelineC660917D": {
		"Type": "AWS::CodePipeline::Pipeline",
		"Properties": {
			"RoleArn": {"Fn::GetAtt": ["PipelineRoleD68726F7", "Arn"]},
			"ArtifactStore": {"Type": "S3", "Location": {"Ref": "ArtifactBucket7410C9EF"}, "EncryptionKey": {"Id": {"Fn::GetAtt": ["ArtifactKey1A2B3C4D", "Arn"]}, "Type": "KMS"}},
			"Stages": [{"Name": "Source", "Actions": [{
				"Name": "GitHub",
				"ActionTypeId": {"Category": "Source", "Owner": "AWS", "Provider": "CodeStarSourceConnection", "Version": "1"},
				"Configuration": {"ConnectionArn": {"Ref": "GitHubConnectionArn"}, "FullRepositoryId": "example-bank/web", "BranchName": "main"},
				"OutputArtifacts": [{"Name": "Artifact_Source_GitHub"}],
				"RoleArn": {"Fn::GetAtt": ["PipelineSourceGitHubCodePipelineActionRole1A2B3C4D", "Arn"]},
			}]}],
		},
		"Metadata": {"aws:cdk:path": "app/Pipeline/Resource"},
	}})
}
