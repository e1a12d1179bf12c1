package regent.aws.rds.backup_retention_test

import rego.v1

import data.regent.aws.rds.backup_retention as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql"}, props)}

cluster(props) := {"Type": "AWS::RDS::DBCluster", "Properties": object.union({"Engine": "aurora-postgresql"}, props)}

test_backups_off_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"BackupRetentionPeriod": 0})})
	r.resource == "Db"
	r.path == ["Properties", "BackupRetentionPeriod"]
	contains(r.msg, "0 days (automated backups off)")
}

test_two_weeks_passes if {
	count(control.deny) == 0 with input as tpl({"Db": instance({"BackupRetentionPeriod": 14}), "Cl": cluster({"BackupRetentionPeriod": "35"})})
}

test_default_of_one_day_is_denied if {
	some r in control.deny with input as tpl({"Cl": cluster({})})
	r.path == ["Properties"]
	contains(r.msg, "only 1 day(s)")
}

test_numeric_string_is_understood if {
	some r in control.deny with input as tpl({"Db": instance({"BackupRetentionPeriod": "3"})})
	contains(r.msg, "only 3 day(s)")
}

test_replicas_and_members_are_not_checked if {
	count(control.deny) == 0 with input as tpl({
		"Replica": instance({"SourceDBInstanceIdentifier": {"Ref": "Primary"}}),
		"Member": instance({"DBClusterIdentifier": {"Ref": "Cl"}}),
		"Cl": cluster({"BackupRetentionPeriod": 7}),
	})
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Db": instance({"BackupRetentionPeriod": {"Fn::If": ["Prod", 30, 1]}})},
}

test_short_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_long_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_is_denied if {
	t := {"Parameters": {"Days": {"Type": "Number", "Default": 2}}, "Resources": {"Db": instance({"BackupRetentionPeriod": {"Ref": "Days"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	contains(r.msg, "only 2 day(s)")
}

test_cdk_instance_is_denied if {
	t := tpl({"ReportingDbB9466633": {
		"Type": "AWS::RDS::DBInstance",
		"Properties": {"BackupRetentionPeriod": 0, "DBInstanceClass": "db.t3.medium", "Engine": "mysql"},
		"Metadata": {"aws:cdk:path": "database-insecure/ReportingDb/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "ReportingDbB9466633"
}
