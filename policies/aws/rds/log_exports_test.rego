package regent.aws.rds.log_exports_test

import rego.v1

import data.regent.aws.rds.log_exports as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql"}, props)}

cluster(props) := {"Type": "AWS::RDS::DBCluster", "Properties": object.union({"Engine": "aurora-postgresql"}, props)}

test_instance_without_exports_is_denied if {
	some r in control.deny with input as tpl({"Db": instance({})})
	r.resource == "Db"
	r.path == ["Properties"]
	contains(r.msg, "exports no logs")
}

test_exports_pass if {
	count(control.deny) == 0 with input as tpl({
		"Db": instance({"EnableCloudwatchLogsExports": ["audit", "error", "general", "slowquery"]}),
		"Cl": cluster({"EnableCloudwatchLogsExports": ["postgresql"]}),
	})
}

test_empty_list_is_denied if {
	some r in control.deny with input as tpl({"Cl": cluster({"EnableCloudwatchLogsExports": []})})
	contains(r.msg, "DB cluster")
}

test_cluster_members_are_skipped if {
	count(control.deny) == 0 with input as tpl({"Member": instance({"DBClusterIdentifier": {"Ref": "Cl"}}), "Cl": cluster({"EnableCloudwatchLogsExports": ["postgresql"]})})
}

test_wrongly_typed_value_counts_as_set if {
	count(control.deny) == 0 with input as tpl({"Db": instance({"EnableCloudwatchLogsExports": "error"})})
}

if_tpl := {
	"Conditions": {"Audit": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Db": instance({"EnableCloudwatchLogsExports": {"Fn::If": ["Audit", ["audit", "error"], {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_exports_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Audit == false
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_branch_with_exports_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Audit == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_list_default_passes if {
	t := {"Parameters": {"Logs": {"Type": "CommaDelimitedList", "Default": "error,slowquery"}}, "Resources": {"Db": instance({"EnableCloudwatchLogsExports": {"Ref": "Logs"}})}}
	some v in cfn.variants(t)
	count(control.deny) == 0 with input as v.template
}

test_cdk_instance_is_denied if {
	t := tpl({"ReportingDbB9466633": {
		"Type": "AWS::RDS::DBInstance",
		"Properties": {"DBInstanceClass": "db.t3.medium", "Engine": "mysql", "AllocatedStorage": "100"},
		"Metadata": {"aws:cdk:path": "database-insecure/ReportingDb/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "ReportingDbB9466633"
}
