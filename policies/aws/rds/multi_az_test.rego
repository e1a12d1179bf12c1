package regent.aws.rds.multi_az_test

import rego.v1

import data.regent.aws.rds.multi_az as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql"}, props)}

test_single_az_instance_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"MultiAZ": false})})
	r.resource == "Db"
	r.path == ["Properties", "MultiAZ"]
	contains(r.msg, "single Availability Zone")
}

test_multi_az_instance_passes if {
	count(control.deny) == 0 with input as tpl({"Db": instance({"MultiAZ": true}), "Db2": instance({"MultiAZ": "true"})})
}

test_missing_property_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({})})
	r.path == ["Properties"]
}

test_cluster_members_are_skipped if {
	count(control.deny) == 0 with input as tpl({"Member": instance({"DBClusterIdentifier": {"Ref": "Cl"}})})
}

test_wrongly_typed_value_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({"MultiAZ": 1})})
	r.resource == "Db"
}

if_tpl := {
	"Conditions": {"Ha": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Db": instance({"MultiAZ": {"Fn::If": ["Ha", true, false]}})},
}

test_single_az_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Ha == false
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_multi_az_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Ha == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"MultiAz": {"Type": "String", "Default": "false"}}, "Resources": {"Db": instance({"MultiAZ": {"Ref": "MultiAz"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_cdk_instance_is_denied if {
	t := tpl({"ReportingDbB9466633": {
		"Type": "AWS::RDS::DBInstance",
		"Properties": {"DBInstanceClass": "db.t3.medium", "Engine": "mysql", "MultiAZ": false},
		"Metadata": {"aws:cdk:path": "database-insecure/ReportingDb/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "ReportingDbB9466633"
}
