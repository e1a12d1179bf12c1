package regent.aws.rds.iam_authentication_test

import rego.v1

import data.regent.aws.rds.iam_authentication as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "postgres"}, props)}

cluster(props) := {"Type": "AWS::RDS::DBCluster", "Properties": object.union({"Engine": "aurora-mysql"}, props)}

test_instance_without_iam_auth_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"EnableIAMDatabaseAuthentication": false})})
	r.resource == "Db"
	r.path == ["Properties", "EnableIAMDatabaseAuthentication"]
	contains(r.msg, "does not enable IAM database authentication")
}

test_iam_auth_enabled_passes if {
	count(control.deny) == 0 with input as tpl({"Db": instance({"EnableIAMDatabaseAuthentication": true}), "Cl": cluster({"EnableIAMDatabaseAuthentication": "true"})})
}

test_missing_property_on_cluster_is_denied if {
	some r in control.deny with input as tpl({"Cl": cluster({})})
	r.path == ["Properties"]
	contains(r.msg, "DB cluster")
}

test_unsupported_engines_are_skipped if {
	count(control.deny) == 0 with input as tpl({
		"Oracle": instance({"Engine": "oracle-ee"}),
		"Sql": instance({"Engine": "sqlserver-se"}),
		"NoEngine": {"Type": "AWS::RDS::DBInstance", "Properties": {"DBSnapshotIdentifier": "snap"}},
		"Odd": instance({"Engine": 5}),
	})
}

test_cluster_members_are_skipped if {
	count(control.deny) == 0 with input as tpl({"Member": instance({"Engine": "aurora-mysql", "DBClusterIdentifier": {"Ref": "Cl"}}), "Cl": cluster({"EnableIAMDatabaseAuthentication": true})})
}

test_engine_case_is_ignored if {
	some r in control.deny with input as tpl({"Db": instance({"Engine": "MySQL"})})
	r.resource == "Db"
}

if_tpl := {
	"Conditions": {"Iam": {"Fn::Equals": [{"Ref": "Auth"}, "iam"]}},
	"Parameters": {"Auth": {"Type": "String", "AllowedValues": ["iam", "password"]}},
	"Resources": {"Db": instance({"EnableIAMDatabaseAuthentication": {"Fn::If": ["Iam", true, false]}})},
}

test_password_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Iam == false
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_iam_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Iam == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"IamAuth": {"Type": "String", "Default": "false"}}, "Resources": {"Db": instance({"EnableIAMDatabaseAuthentication": {"Ref": "IamAuth"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_cdk_cluster_is_denied if {
	t := tpl({"LedgerCluster6561D045": {
		"Type": "AWS::RDS::DBCluster",
		"Properties": {"Engine": "aurora-postgresql", "EnableIAMDatabaseAuthentication": false, "EngineVersion": "15.4"},
		"Metadata": {"aws:cdk:path": "database-insecure/LedgerCluster/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "LedgerCluster6561D045"
}
