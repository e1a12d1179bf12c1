package regent.aws.rds.storage_encryption_test

import rego.v1

import data.regent.aws.rds.storage_encryption as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql", "DBInstanceClass": "db.t3.micro", "AllocatedStorage": "20"}, props)}

cluster(props) := {"Type": "AWS::RDS::DBCluster", "Properties": object.union({"Engine": "aurora-postgresql"}, props)}

cmk := {"Fn::GetAtt": ["DatabaseKey", "Arn"]}

test_unencrypted_instance_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"StorageEncrypted": false})})
	r.resource == "Db"
	r.path == ["Properties", "StorageEncrypted"]
	r.severity == "high"
	contains(r.msg, "DB instance storage is not encrypted")
}

test_cmk_encrypted_instance_and_cluster_pass if {
	count(control.deny) == 0 with input as tpl({
		"Db": instance({"StorageEncrypted": true, "KmsKeyId": cmk}),
		"Cl": cluster({"StorageEncrypted": "true", "KmsKeyId": {"Ref": "DatabaseKey"}}),
	})
}

test_missing_storage_encrypted_is_denied if {
	some r in control.deny with input as tpl({"Cl": cluster({})})
	r.path == ["Properties"]
	contains(r.msg, "DB cluster storage is not encrypted")
}

test_aws_managed_key_is_medium if {
	results := control.deny with input as tpl({
		"NoKey": instance({"StorageEncrypted": true}),
		"Alias": cluster({"StorageEncrypted": true, "KmsKeyId": "alias/aws/rds"}),
	})
	count(results) == 2
	every r in results {
		r.severity == "medium"
	}
	some a in results
	a.resource == "Alias"
	a.path == ["Properties", "KmsKeyId"]
	contains(a.msg, "AWS-managed key alias/aws/rds")
}

test_string_false_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"StorageEncrypted": "false", "KmsKeyId": cmk})})
	r.severity == "high"
}

test_cluster_members_replicas_and_restores_are_skipped if {
	count(control.deny) == 0 with input as tpl({
		"Member": instance({"DBClusterIdentifier": {"Ref": "Cl"}, "Engine": "aurora-postgresql"}),
		"Replica": instance({"SourceDBInstanceIdentifier": "arn:aws:rds:eu-west-2:111122223333:db:primary"}),
		"Restored": instance({"DBSnapshotIdentifier": "snap-1"}),
		"Cl": cluster({"SnapshotIdentifier": "cluster-snap"}),
	})
}

test_restore_that_sets_encryption_is_checked if {
	some r in control.deny with input as tpl({"Restored": instance({"DBSnapshotIdentifier": "snap-1", "StorageEncrypted": true})})
	r.severity == "medium"
}

test_serverless_v1_needs_only_a_key if {
	some r in control.deny with input as tpl({"Sls": cluster({"EngineMode": "serverless"})})
	r.severity == "medium"
	count(control.deny) == 0 with input as tpl({"Sls": cluster({"EngineMode": "serverless", "KmsKeyId": cmk})})
}

test_odd_shapes_do_not_crash if {
	results := control.deny with input as tpl({"A": {"Type": "AWS::RDS::DBInstance"}, "B": cluster({"StorageEncrypted": 1, "EngineMode": 7})})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Db": instance({"StorageEncrypted": {"Fn::If": ["Prod", true, false]}, "KmsKeyId": {"Fn::If": ["Prod", cmk, {"Ref": "AWS::NoValue"}]}})},
}

test_unencrypted_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.severity == "high"
}

test_encrypted_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_aws_key_is_medium if {
	t := {
		"Parameters": {"Key": {"Type": "String", "Default": "arn:aws:kms:eu-west-2:111122223333:alias/aws/rds"}},
		"Resources": {"Db": instance({"StorageEncrypted": true, "KmsKeyId": {"Ref": "Key"}})},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.severity == "medium"
}

test_cdk_cluster_is_denied if {
	t := tpl({"LedgerCluster6561D045": {
		"Type": "AWS::RDS::DBCluster",
		"Properties": {
			"BackupRetentionPeriod": 1,
			"DBClusterParameterGroupName": {"Ref": "AuroraParams9D737ACC"},
			"Engine": "aurora-postgresql",
			"MasterUsername": "postgres",
			"MasterUserPassword": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "databaseinsecureLedgerClusterSecret"}, ":SecretString:password::}}"]]},
			"StorageEncrypted": false,
		},
		"Metadata": {"aws:cdk:path": "database-insecure/LedgerCluster/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "LedgerCluster6561D045"
}
