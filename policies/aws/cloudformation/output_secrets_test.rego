package regent.aws.cloudformation.output_secrets_test

import rego.v1

import data.regent.aws.cloudformation.output_secrets
import data.regent.cfn

client := {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "Pool"}, "GenerateSecret": true}}

test_noecho_parameter_output_is_denied if {
	t := {"Parameters": {"DbPassword": {"Type": "String", "NoEcho": true}}, "Resources": {}, "Outputs": {"Password": {"Value": {"Ref": "DbPassword"}}}}
	some r in output_secrets.deny with input as t
	r.path == ["Outputs", "Password", "Value"]
	not r.resource
	contains(r.msg, "Outputs.Password: stack output exposes NoEcho parameter DbPassword")
}

test_client_secret_attribute_is_denied if {
	t := {"Resources": {"Client": client}, "Outputs": {"Secret": {"Value": {"Fn::GetAtt": ["Client", "ClientSecret"]}}}}
	some r in output_secrets.deny with input as t
	contains(r.msg, "the ClientSecret of Client")
}

test_dotted_get_att_and_sub_are_understood if {
	t := {"Resources": {"Client": client, "Key": {"Type": "AWS::AppSync::ApiKey", "Properties": {"ApiId": "abc"}}}, "Outputs": {
		"A": {"Value": "Client.ClientSecret"},
		"B": {"Value": {"Fn::GetAtt": "Client.ClientSecret"}},
		"C": {"Value": {"Fn::Sub": "x-api-key: ${Key.ApiKey}"}},
	}}
	{r.path | some r in output_secrets.deny with input as t} == {["Outputs", "B", "Value"], ["Outputs", "C", "Value"]}
}

test_non_secret_outputs_pass if {
	t := {"Parameters": {"Env": {"Type": "String"}}, "Resources": {"Client": client}, "Outputs": {
		"ClientId": {"Value": {"Ref": "Client"}},
		"Env": {"Value": {"Ref": "Env"}},
		"Name": {"Value": {"Fn::GetAtt": ["Client", "Name"]}},
		"SecretArn": {"Value": "arn:aws:secretsmanager:eu-west-2:111122223333:secret:app"},
	}}
	count(output_secrets.deny) == 0 with input as t
}

test_credential_shaped_literal_is_denied if {
	t := {"Resources": {}, "Outputs": {"Key": {"Value": {"Fn::Join": [":", ["key", "AKIAIOSFODNN7EXAMPLE"]]}}}}
	some r in output_secrets.deny with input as t
	contains(r.msg, "looks like a credential")
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
	"Resources": {"Client": client},
	"Outputs": {"Debug": {"Value": {"Fn::If": ["IsDev", {"Fn::GetAtt": ["Client", "ClientSecret"]}, {"Ref": "Client"}]}}},
}

test_branch_exposing_secret_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsDev == true
	some r in output_secrets.deny with input as v.template
	r.path == ["Outputs", "Debug", "Value"]
}

test_branch_without_secret_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsDev == false
	count(output_secrets.deny) == 0 with input as v.template
}

test_parameter_default_credential_is_denied if {
	t := {"Parameters": {"Token": {"Type": "String", "Default": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"}}, "Resources": {}, "Outputs": {"Token": {"Value": {"Ref": "Token"}}}}
	some v in cfn.variants(t)
	some r in output_secrets.deny with input as v.template
	r.path == ["Outputs", "Token", "Value"]
}

test_cdk_outputs_pass if {
	t := {"Resources": {"UserPoolWebClient4C9370B0": object.union(client, {"Metadata": {"aws:cdk:path": "app/UserPool/WebClient/Resource"}})}, "Outputs": {
		"UserPoolId": {"Value": {"Ref": "UserPool6BA7E5F2"}, "Export": {"Name": "app:UserPoolId"}},
		"UserPoolClientId": {"Value": {"Ref": "UserPoolWebClient4C9370B0"}},
	}}
	count(output_secrets.deny) == 0 with input as t
}
