package regent.aws.secretsmanager.secret_kms_key_test

import rego.v1

import data.regent.aws.secretsmanager.secret_kms_key
import data.regent.cfn

tpl(resources) := {"Resources": resources}

secret(props) := {"Type": "AWS::SecretsManager::Secret", "Properties": object.union({"GenerateSecretString": {}}, props)}

test_secret_without_key_is_denied if {
	some r in secret_kms_key.deny with input as tpl({"S": secret({})})
	r.resource == "S"
	r.path == ["Properties"]
	contains(r.msg, "aws/secretsmanager")
	contains(r.msg, "KmsKeyId")
}

test_explicit_aws_managed_key_is_denied if {
	some r in secret_kms_key.deny with input as tpl({"S": secret({"KmsKeyId": "alias/aws/secretsmanager"})})
	r.path == ["Properties", "KmsKeyId"]
}

test_aws_managed_key_arn_is_denied if {
	some r in secret_kms_key.deny with input as tpl({"S": secret({"KmsKeyId": "arn:aws:kms:eu-west-2:111122223333:alias/aws/secretsmanager"})})
	r.resource == "S"
}

test_customer_managed_key_passes if {
	count(secret_kms_key.deny) == 0 with input as tpl({
		"Key": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
		"S": secret({"KmsKeyId": {"Fn::GetAtt": ["Key", "Arn"]}}),
	})
}

test_empty_key_id_is_denied if {
	some r in secret_kms_key.deny with input as tpl({"S": secret({"KmsKeyId": ""})})
	r.resource == "S"
}

test_cdk_database_secret_with_key_passes if {
	count(secret_kms_key.deny) == 0 with input as tpl({"databasehardenedLedgerClusterSecret301E0CC83fdaad7efa858a3daf9490cf0a702aeb": {
		"Type": "AWS::SecretsManager::Secret",
		"Properties": {
			"GenerateSecretString": {"ExcludeCharacters": " %+~`#$&*()|[]{}:;<>?!'/@\"\\", "GenerateStringKey": "password", "PasswordLength": 30, "SecretStringTemplate": "{\"username\":\"ledger_admin\"}"},
			"KmsKeyId": {"Fn::GetAtt": ["DatabaseKey7576F140", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "database-hardened/LedgerCluster/Secret/Resource"},
	}})
}

test_key_only_in_one_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {
			"Key": {"Type": "AWS::KMS::Key"},
			"S": secret({"KmsKeyId": {"Fn::If": ["IsProd", {"Ref": "Key"}, {"Ref": "AWS::NoValue"}]}}),
		},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in secret_kms_key.deny with input as v.template
	r.resource == "S"
}

test_parameter_default_aws_managed_alias_is_denied if {
	t := {
		"Parameters": {"KeyId": {"Type": "String", "Default": "alias/aws/secretsmanager"}},
		"Resources": {"S": secret({"KmsKeyId": {"Ref": "KeyId"}})},
	}
	some v in cfn.variants(t)
	some r in secret_kms_key.deny with input as v.template
	r.path == ["Properties", "KmsKeyId"]
}
