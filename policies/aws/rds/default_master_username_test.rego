package regent.aws.rds.default_master_username_test

import rego.v1

import data.regent.aws.rds.default_master_username as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql"}, props)}

test_admin_is_reported if {
	some r in control.warn with input as tpl({"Db": instance({"MasterUsername": "admin"})})
	r.resource == "Db"
	r.path == ["Properties", "MasterUsername"]
	contains(r.msg, "default \"admin\"")
}

test_custom_name_passes if {
	count(control.warn) == 0 with input as tpl({"Db": instance({"MasterUsername": "ledger_admin"})})
}

test_case_is_ignored_and_clusters_are_checked if {
	some r in control.warn with input as tpl({"Cl": {"Type": "AWS::RDS::DBCluster", "Properties": {"MasterUsername": "Postgres"}}})
	r.resource == "Cl"
}

test_intrinsic_or_missing_names_pass if {
	count(control.warn) == 0 with input as tpl({
		"A": instance({"MasterUsername": {"Fn::Sub": "{{resolve:secretsmanager:${Secret}::username}}"}}),
		"B": instance({}),
		"C": instance({"MasterUsername": 7}),
	})
}

if_tpl := {
	"Conditions": {"Legacy": {"Fn::Equals": [{"Ref": "Env"}, "legacy"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["legacy", "new"]}},
	"Resources": {"Db": instance({"MasterUsername": {"Fn::If": ["Legacy", "root", "ledger_admin"]}})},
}

test_default_name_branch_is_reported if {
	some v in cfn.variants(if_tpl)
	v.conditions.Legacy == true
	some r in control.warn with input as v.template
	contains(r.msg, "\"root\"")
}

test_custom_name_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Legacy == false
	count(control.warn) == 0 with input as v.template
}

test_parameter_default_sa_is_reported if {
	t := {"Parameters": {"User": {"Type": "String", "Default": "sa"}}, "Resources": {"Db": instance({"MasterUsername": {"Ref": "User"}})}}
	some v in cfn.variants(t)
	some r in control.warn with input as v.template
	r.resource == "Db"
}

test_cdk_cluster_is_reported if {
	t := tpl({"LedgerCluster6561D045": {
		"Type": "AWS::RDS::DBCluster",
		"Properties": {"Engine": "aurora-postgresql", "MasterUsername": "postgres"},
		"Metadata": {"aws:cdk:path": "database-insecure/LedgerCluster/Resource"},
	}})
	some r in control.warn with input as t
	r.resource == "LedgerCluster6561D045"
}
