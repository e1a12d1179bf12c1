package regent.aws.rds.master_password_plaintext_test

import rego.v1

import data.regent.aws.rds.master_password_plaintext as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql", "MasterUsername": "ledger_admin"}, props)}

test_literal_password_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"MasterUserPassword": "Sup3rS3cret!"})})
	r.resource == "Db"
	r.path == ["Properties", "MasterUserPassword"]
	contains(r.msg, "literal value")
}

test_dynamic_reference_passes if {
	count(control.deny) == 0 with input as tpl({
		"Db": instance({"MasterUserPassword": "{{resolve:secretsmanager:db-secret:SecretString:password}}"}),
		"Managed": instance({"ManageMasterUserPassword": true}),
	})
}

test_parameter_without_noecho_is_denied if {
	t := {"Parameters": {"DbPassword": {"Type": "String"}}, "Resources": {"Db": instance({"MasterUserPassword": {"Ref": "DbPassword"}})}}
	some r in control.deny with input as t
	contains(r.msg, "Ref to parameter DbPassword without NoEcho")
}

test_noecho_parameter_passes if {
	t := {"Parameters": {"DbPassword": {"Type": "String", "NoEcho": "true"}}, "Resources": {"Db": instance({"MasterUserPassword": {"Ref": "DbPassword"}})}}
	count(control.deny) == 0 with input as t
}

test_other_database_types_are_checked if {
	results := control.deny with input as tpl({
		"Rs": {"Type": "AWS::Redshift::ServerlessNamespace", "Properties": {"AdminUserPassword": "hunter2"}},
		"Docdb": {"Type": "AWS::DocDB::DBCluster", "Properties": {"MasterUserPassword": "hunter2"}},
	})
	count(results) == 2
}

test_empty_and_non_string_values_pass if {
	count(control.deny) == 0 with input as tpl({"A": instance({"MasterUserPassword": ""}), "B": instance({"MasterUserPassword": 12345678})})
}

if_tpl := {
	"Conditions": {"Dev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["dev", "prod"]}},
	"Resources": {"Db": instance({"MasterUserPassword": {"Fn::If": ["Dev", "devpassword1", "{{resolve:secretsmanager:prod-db:SecretString:password}}"]}})},
}

test_literal_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Dev == true
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_secret_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Dev == false
	count(control.deny) == 0 with input as v.template
}

test_cdk_join_with_secret_reference_passes if {
	t := tpl({"LedgerCluster6561D045": {
		"Type": "AWS::RDS::DBCluster",
		"Properties": {
			"Engine": "aurora-postgresql",
			"MasterUserPassword": {"Fn::Join": ["", ["{{resolve:secretsmanager:", {"Ref": "LedgerClusterSecret0D1A8F8B"}, ":SecretString:password::}}"]]},
		},
		"Metadata": {"aws:cdk:path": "database-hardened/LedgerCluster/Resource"},
	}})
	count(control.deny) == 0 with input as t
}
