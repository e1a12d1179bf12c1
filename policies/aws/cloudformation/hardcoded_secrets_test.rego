package regent.aws.cloudformation.hardcoded_secrets_test

import rego.v1

import data.regent.aws.cloudformation.hardcoded_secrets
import data.regent.cfn

tpl(resources) := {"Resources": resources}

broker(password) := {"Type": "AWS::MQ::Broker", "Properties": {
	"BrokerName": "payments",
	"EngineType": "ACTIVEMQ",
	"Users": [{"Username": "app", "Password": password}],
}}

findings(t) := {[r.resource, r.path] | some r in hardcoded_secrets.deny with input as t}

test_literal_password_is_denied if {
	some r in hardcoded_secrets.deny with input as tpl({"B": broker("Sup3rS3cret!")})
	r.resource == "B"
	r.path == ["Properties", "Users", 0, "Password"]
	contains(r.msg, "B: Users.0.Password is hard-coded in the template (literal value)")
}

test_dynamic_reference_passes if {
	count(hardcoded_secrets.deny) == 0 with input as tpl({"B": broker("{{resolve:secretsmanager:mq/app:SecretString:password}}")})
}

test_ref_to_noecho_parameter_passes if {
	count(hardcoded_secrets.deny) == 0 with input as {
		"Parameters": {"BrokerPassword": {"Type": "String", "NoEcho": "true"}},
		"Resources": {"B": broker({"Ref": "BrokerPassword"})},
	}
}

test_ref_to_parameter_without_noecho_is_denied if {
	some r in hardcoded_secrets.deny with input as {
		"Parameters": {"BrokerPassword": {"Type": "String"}},
		"Resources": {"B": broker({"Ref": "BrokerPassword"})},
	}
	contains(r.msg, "Ref to parameter BrokerPassword without NoEcho")
}

test_secret_names_in_many_services_are_found if {
	f := findings(tpl({
		"Cache": {"Type": "AWS::ElastiCache::ReplicationGroup", "Properties": {"AuthToken": "0123456789abcdef0123", "TransitEncryptionEnabled": true}},
		"User": {"Type": "AWS::IAM::User", "Properties": {"LoginProfile": {"Password": "Welcome-2026", "PasswordResetRequired": true}}},
		"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"SecretString": "{\"password\":\"hunter2\"}"}},
		"Conn": {"Type": "AWS::Events::Connection", "Properties": {"AuthorizationType": "API_KEY", "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-123456"}}}},
		"Idp": {"Type": "AWS::Cognito::UserPoolIdentityProvider", "Properties": {"ProviderName": "Google", "ProviderType": "Google", "ProviderDetails": {"client_id": "abc", "client_secret": "shh"}}},
		"Key": {"Type": "AWS::ApiGateway::ApiKey", "Properties": {"Enabled": true, "Value": "partner-key-0123456789"}},
		"CacheUser": {"Type": "AWS::ElastiCache::User", "Properties": {"Engine": "redis", "UserName": "app", "Passwords": ["first-password-01", "second-password-02"]}},
	}))
	f == {
		["Cache", ["Properties", "AuthToken"]],
		["User", ["Properties", "LoginProfile", "Password"]],
		["Secret", ["Properties", "SecretString"]],
		["Conn", ["Properties", "AuthParameters", "ApiKeyAuthParameters", "ApiKeyValue"]],
		["Idp", ["Properties", "ProviderDetails", "client_secret"]],
		["Key", ["Properties", "Value"]],
		["CacheUser", ["Properties", "Passwords", 0]],
		["CacheUser", ["Properties", "Passwords", 1]],
	}
}

test_names_that_describe_secrets_pass if {
	count(hardcoded_secrets.deny) == 0 with input as tpl({
		"Rotation": {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": "prod/db", "RotationRules": {"AutomaticallyAfterDays": 30}}},
		"Secret": {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {"SecretStringTemplate": "{\"username\":\"app\"}", "GenerateStringKey": "password", "ExcludePunctuation": true}}},
		"Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": "pool", "GenerateSecret": "true", "AccessTokenValidity": "60", "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"}}},
		"Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"Policies": {"PasswordPolicy": {"MinimumLength": 14}}}},
		"Custom": {"Type": "Custom::Seed", "Properties": {"ServiceToken": {"Fn::Join": ["", ["arn:aws:lambda:", {"Ref": "AWS::Region"}, ":111122223333:function:seed"]]}, "PasswordParameterName": "/app/db/password"}},
		"Template": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}}},
		"Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/app/db/password-arn", "Type": "String", "Value": "arn:aws:secretsmanager:eu-west-2:111122223333:secret:db"}},
	})
}

test_name_value_pairs_are_checked if {
	f := findings(tpl({
		"Param": {"Type": "AWS::SSM::Parameter", "Properties": {"Name": "/app/db/password", "Type": "String", "Value": "hunter2hunter2"}},
		"Job": {"Type": "AWS::Batch::JobDefinition", "Properties": {"Type": "container", "ContainerProperties": {"Image": "app", "Environment": [{"Name": "STAGE", "Value": "prod"}, {"Name": "DB_PASSWORD", "Value": "hunter2"}]}}},
	}))
	f == {["Param", ["Properties", "Value"]], ["Job", ["Properties", "ContainerProperties", "Environment", 1, "Value"]]}
}

test_credential_shaped_values_are_found_anywhere if {
	some r in hardcoded_secrets.deny with input as tpl({"Fn": {"Type": "AWS::StepFunctions::StateMachine", "Properties": {"DefinitionSubstitutions": {"Endpoint": "https://ops:Pa55word@internal.example.com/hook"}}}})
	r.path == ["Properties", "DefinitionSubstitutions", "Endpoint"]
}

test_properties_of_other_controls_are_left_to_them if {
	count(hardcoded_secrets.deny) == 0 with input as tpl({
		"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"Engine": "mysql", "MasterUsername": "admin", "MasterUserPassword": "Sup3rS3cretPassw0rd!"}},
		"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {"PARTNER_API_KEY": "sk_live_abcdefghijklmnop1234"}}}},
		"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {"ContainerDefinitions": [{"Name": "api", "Environment": [{"Name": "DB_PASSWORD", "Value": "hunter2"}]}]}},
		"Build": {"Type": "AWS::CodeBuild::Project", "Properties": {"Environment": {"EnvironmentVariables": [{"Name": "AWS_SECRET_ACCESS_KEY", "Value": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}]}}},
		"Pipe": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Stages": [{"Name": "Source", "Actions": [{"Name": "GitHub", "Configuration": {"OAuthToken": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}]}]}},
		"Hook": {"Type": "AWS::CodePipeline::Webhook", "Properties": {"AuthenticationConfiguration": {"SecretToken": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}},
	})
}

test_noecho_parameter_with_default_is_denied if {
	some r in hardcoded_secrets.deny with input as {"Parameters": {"AdminPassword": {"Type": "String", "NoEcho": true, "Default": "changeme123"}}, "Resources": {}}
	r.path == ["Parameters", "AdminPassword", "Default"]
	not r.resource
	contains(r.msg, "Parameters.AdminPassword: NoEcho parameter has a Default")
}

test_noecho_parameters_without_secret_defaults_pass if {
	count(hardcoded_secrets.deny) == 0 with input as {"Parameters": {
		"AdminPassword": {"Type": "String", "NoEcho": true},
		"Empty": {"Type": "String", "NoEcho": true, "Default": ""},
		"FromSsm": {"Type": "AWS::SSM::Parameter::Value<String>", "NoEcho": true, "Default": "/app/db/password"},
	}, "Resources": {}}
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"B": broker({"Fn::If": ["IsProd", "{{resolve:secretsmanager:mq/app}}", "dev-password-1"]})},
}

test_literal_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in hardcoded_secrets.deny with input as v.template
	r.resource == "B"
}

test_dynamic_reference_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(hardcoded_secrets.deny) == 0 with input as v.template
}

test_parameter_default_password_is_denied if {
	t := {"Parameters": {"BrokerPassword": {"Type": "String", "Default": "changeme123"}}, "Resources": {"B": broker({"Ref": "BrokerPassword"})}}
	some v in cfn.variants(t)
	some r in hardcoded_secrets.deny with input as v.template
	r.resource == "B"
	r.path == ["Properties", "Users", 0, "Password"]
}

test_joined_literal_secret_is_denied if {
	some r in hardcoded_secrets.deny with input as tpl({"B": broker({"Fn::Join": ["-", ["prefix", "s3cret"]]})})
	contains(r.msg, "built from literal text")
}

test_cdk_generated_secret_passes if {
	count(hardcoded_secrets.deny) == 0 with input as tpl({
		"BrokerPassword1A2B3C4D": {
			"Type": "AWS::SecretsManager::Secret",
			"Properties": {"GenerateSecretString": {"ExcludePunctuation": true}, "KmsKeyId": {"Fn::GetAtt": ["DataKey17AFBB84", "Arn"]}},
			"Metadata": {"aws:cdk:path": "app/BrokerPassword/Resource"},
		},
		"Broker5E6F7A8B": {
			"Type": "AWS::MQ::Broker",
			"Properties": {"BrokerName": "payments", "Users": [{"Username": "app", "Password": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "BrokerPassword1A2B3C4D"}, ":SecretString:::}}"]]}}]},
			"Metadata": {"aws:cdk:path": "app/Broker/Resource"},
		},
	})
}

# The prefilter lets through every spelling secret_name accepts.
test_prefilter_keeps_separated_secret_names if {
	every name in ["DB_PASS_WORD", "p-w-d", "Se.cret", "tok_en", "API_K_E_Y", "MasterUserPassword", "clientSecret"] {
		regex.match(sprintf("(?i)%s", [hardcoded_secrets.secret_name_prefilter]), name)
	}
}

test_separated_secret_key_is_found if {
	t := {"Resources": {"X": {"Type": "AWS::Some::Thing", "Properties": {"tok_en": "abc123def456"}}}}
	some r in hardcoded_secrets.deny with input as t
	r.resource == "X"
}
