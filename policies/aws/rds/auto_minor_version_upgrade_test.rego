package regent.aws.rds.auto_minor_version_upgrade_test

import rego.v1

import data.regent.aws.rds.auto_minor_version_upgrade as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql"}, props)}

test_upgrades_off_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"AutoMinorVersionUpgrade": false})})
	r.resource == "Db"
	r.path == ["Properties", "AutoMinorVersionUpgrade"]
	contains(r.msg, "AutoMinorVersionUpgrade: true")
}

test_upgrades_on_or_default_pass if {
	count(control.deny) == 0 with input as tpl({"A": instance({"AutoMinorVersionUpgrade": true}), "B": instance({})})
}

test_string_false_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"AutoMinorVersionUpgrade": "False"})})
	r.resource == "Db"
}

test_wrongly_typed_values_pass if {
	count(control.deny) == 0 with input as tpl({"A": instance({"AutoMinorVersionUpgrade": 0}), "B": {"Type": "AWS::RDS::DBInstance"}})
}

if_tpl := {
	"Conditions": {"Frozen": {"Fn::Equals": [{"Ref": "Mode"}, "frozen"]}},
	"Parameters": {"Mode": {"Type": "String", "AllowedValues": ["frozen", "managed"]}},
	"Resources": {"Db": instance({"AutoMinorVersionUpgrade": {"Fn::If": ["Frozen", false, true]}})},
}

test_frozen_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Frozen == true
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_managed_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Frozen == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Upgrades": {"Type": "String", "Default": "false"}}, "Resources": {"Db": instance({"AutoMinorVersionUpgrade": {"Ref": "Upgrades"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_cdk_instance_is_denied if {
	t := tpl({"ReportingDbB9466633": {
		"Type": "AWS::RDS::DBInstance",
		"Properties": {"AutoMinorVersionUpgrade": false, "DBInstanceClass": "db.t3.medium", "Engine": "mysql"},
		"Metadata": {"aws:cdk:path": "database-insecure/ReportingDb/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "ReportingDbB9466633"
}
