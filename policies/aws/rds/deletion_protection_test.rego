package regent.aws.rds.deletion_protection_test

import rego.v1

import data.regent.aws.rds.deletion_protection as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

instance(props) := {"Type": "AWS::RDS::DBInstance", "Properties": object.union({"Engine": "mysql"}, props)}

cluster(props) := {"Type": "AWS::RDS::DBCluster", "Properties": object.union({"Engine": "aurora-postgresql"}, props)}

test_unprotected_cluster_is_denied if {
	some r in control.deny with input as tpl({"Cl": cluster({"DeletionProtection": false})})
	r.resource == "Cl"
	r.path == ["Properties", "DeletionProtection"]
	contains(r.msg, "DB cluster has no deletion protection")
}

test_protected_databases_pass if {
	count(control.deny) == 0 with input as tpl({"Cl": cluster({"DeletionProtection": true}), "Db": instance({"DeletionProtection": "true"})})
}

test_missing_property_points_at_properties if {
	some r in control.deny with input as tpl({"Db": instance({})})
	r.path == ["Properties"]
	contains(r.msg, "DB instance")
}

test_cluster_members_are_not_checked if {
	count(control.deny) == 0 with input as tpl({"Member": instance({"DBClusterIdentifier": {"Ref": "Cl"}}), "Cl": cluster({"DeletionProtection": true})})
}

test_wrongly_typed_value_is_denied if {
	results := control.deny with input as tpl({"A": instance({"DeletionProtection": "yes"}), "B": {"Type": "AWS::RDS::DBCluster"}})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Cl": cluster({"DeletionProtection": {"Fn::If": ["Prod", true, false]}})},
}

test_unprotected_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "Cl"
}

test_protected_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Protect": {"Type": "String", "Default": "false"}}, "Resources": {"Db": instance({"DeletionProtection": {"Ref": "Protect"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Db"
}

test_cdk_cluster_is_denied if {
	t := tpl({"LedgerCluster6561D045": {
		"Type": "AWS::RDS::DBCluster",
		"Properties": {"DeletionProtection": false, "Engine": "aurora-postgresql", "DBSubnetGroupName": {"Ref": "LedgerClusterSubnets"}},
		"UpdateReplacePolicy": "Snapshot", "DeletionPolicy": "Snapshot",
		"Metadata": {"aws:cdk:path": "database-insecure/LedgerCluster/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "LedgerCluster6561D045"
}
