package regent.aws.rds.mysql_audit_plugin_test

import rego.v1

import data.regent.aws.rds.mysql_audit_plugin
import data.regent.cfn

db(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql", "DBInstanceClass": "db.t3.medium"}, props)}

options(configs) := {"Type": "AWS::RDS::OptionGroup", "Properties": {"EngineName": "mysql", "MajorEngineVersion": "8.0", "OptionConfigurations": configs}}

audit := {"OptionName": "MARIADB_AUDIT_PLUGIN", "OptionSettings": [{"Name": "SERVER_AUDIT_EVENTS", "Value": "CONNECT"}]}

test_mysql_without_option_group_is_denied if {
	some r in mysql_audit_plugin.deny with input as {"Resources": {"Db": db({})}}
	r.resource == "Db"
	r.path == ["Properties", "OptionGroupName"]
	contains(r.msg, "expected an option group with MARIADB_AUDIT_PLUGIN")
}

test_option_group_with_plugin_passes if {
	count(mysql_audit_plugin.deny) == 0 with input as {"Resources": {"Db": db({"OptionGroupName": {"Ref": "Opts"}}), "Opts": options([audit])}}
}

test_option_group_without_plugin_is_denied if {
	count(mysql_audit_plugin.deny) == 1 with input as {"Resources": {"Db": db({"OptionGroupName": {"Ref": "Opts"}}), "Opts": options([{"OptionName": "MEMCACHED"}])}}
}

test_mariadb_upper_case_engine_is_checked if {
	count(mysql_audit_plugin.deny) == 1 with input as {"Resources": {"Db": db({"Engine": "MariaDB"})}}
}

test_postgres_is_not_checked if {
	count(mysql_audit_plugin.deny) == 0 with input as {"Resources": {"Db": db({"Engine": "postgres"})}}
}

test_read_replica_is_skipped if {
	count(mysql_audit_plugin.deny) == 0 with input as {"Resources": {"Db": db({"SourceDBInstanceIdentifier": {"Ref": "Primary"}})}}
}

test_external_option_group_is_not_guessed if {
	count(mysql_audit_plugin.deny) == 0 with input as {"Resources": {"Db": db({"OptionGroupName": "shared-mysql-audit"})}}
}

test_default_option_group_is_denied if {
	count(mysql_audit_plugin.deny) == 1 with input as {"Resources": {"Db": db({"OptionGroupName": "default:mysql-8-0"})}}
}

test_engine_parameter_default_is_used if {
	t := {
		"Parameters": {"Engine": {"Type": "String", "AllowedValues": ["postgres", "mysql"]}},
		"Resources": {"Db": db({"Engine": {"Ref": "Engine"}})},
	}
	some v in cfn.variants(t)
	v.conditions.Engine == "mysql"
	count(mysql_audit_plugin.deny) == 1 with input as v.template
}
