package regent.aws.secretsmanager.database_secret_rotation_test

import rego.v1

import data.regent.aws.secretsmanager.database_secret_rotation
import data.regent.cfn

secret := {"Type": "AWS::SecretsManager::Secret", "Properties": {"GenerateSecretString": {"GenerateStringKey": "password", "SecretStringTemplate": "{\"username\":\"admin\"}"}}}

attachment := {"Type": "AWS::SecretsManager::SecretTargetAttachment", "Properties": {"SecretId": {"Ref": "S"}, "TargetId": {"Ref": "Db"}, "TargetType": "AWS::RDS::DBCluster"}}

cluster := {"Type": "AWS::RDS::DBCluster", "Properties": {"Engine": "aurora-postgresql", "MasterUserPassword": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "S"}, ":SecretString:password::}}"]]}}}

schedule(target) := {"Type": "AWS::SecretsManager::RotationSchedule", "Properties": {"SecretId": {"Ref": target}, "RotationRules": {"ScheduleExpression": "rate(30 days)"}, "HostedRotationLambda": {"RotationType": "PostgreSQLSingleUser"}}}

test_attached_secret_without_rotation_is_denied if {
	some r in database_secret_rotation.deny with input as {"Resources": {"S": secret, "Att": attachment, "Db": {"Type": "AWS::RDS::DBCluster"}}}
	r.resource == "S"
	contains(r.msg, "RotationSchedule")
}

test_secret_resolved_into_master_password_is_denied if {
	some r in database_secret_rotation.deny with input as {"Resources": {"S": secret, "Db": cluster}}
	r.resource == "S"
}

test_schedule_on_attachment_passes if {
	count(database_secret_rotation.deny) == 0 with input as {"Resources": {"S": secret, "Att": attachment, "Db": cluster, "Rot": schedule("Att")}}
}

test_schedule_on_secret_passes if {
	count(database_secret_rotation.deny) == 0 with input as {"Resources": {"S": secret, "Db": cluster, "Rot": schedule("S")}}
}

test_non_database_secret_is_not_checked if {
	count(database_secret_rotation.deny) == 0 with input as {"Resources": {"S": secret}}
}

test_malformed_attachment_is_ignored if {
	count(database_secret_rotation.deny) == 0 with input as {"Resources": {"S": secret, "Att": {"Type": "AWS::SecretsManager::SecretTargetAttachment", "Properties": "S"}}}
}

test_cdk_cluster_secret_with_rotation_passes if {
	count(database_secret_rotation.deny) == 0 with input as {"Resources": {
		"LedgerClusterSecret3fdaad7e": secret,
		"LedgerClusterSecretAttachment769E6258": {"Type": "AWS::SecretsManager::SecretTargetAttachment", "Properties": {"SecretId": {"Ref": "LedgerClusterSecret3fdaad7e"}, "TargetId": {"Ref": "LedgerCluster6561D045"}, "TargetType": "AWS::RDS::DBCluster"}},
		"LedgerClusterRotationSchedule2E1A2B36": schedule("LedgerClusterSecretAttachment769E6258"),
		"LedgerCluster6561D045": {"Type": "AWS::RDS::DBCluster", "Properties": {"MasterUserPassword": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "LedgerClusterSecret3fdaad7e"}, ":SecretString:password::}}"]]}}, "Metadata": {"aws:cdk:path": "stack/LedgerCluster/Resource"}},
	}}
}

test_schedule_only_in_one_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {"S": secret, "Db": cluster, "Rot": object.union(schedule("S"), {"Condition": "IsProd"})},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in database_secret_rotation.deny with input as v.template
	r.resource == "S"
}

test_password_parameter_default_is_not_a_secret_reference if {
	t := {
		"Parameters": {"Password": {"Type": "String", "NoEcho": true, "Default": "changeme"}},
		"Resources": {"S": secret, "Db": {"Type": "AWS::RDS::DBCluster", "Properties": {"MasterUserPassword": {"Ref": "Password"}}}},
	}
	some v in cfn.variants(t)
	count(database_secret_rotation.deny) == 0 with input as v.template
}
