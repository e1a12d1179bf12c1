package regent.aws.dynamodb.table_point_in_time_recovery_test

import rego.v1

import data.regent.aws.dynamodb.table_point_in_time_recovery as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

table(props) := {"Type": "AWS::DynamoDB::Table", "Properties": object.union({"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}, props)}

pitr(v) := {"PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": v}}

test_table_without_pitr_is_denied if {
	some r in control.deny with input as tpl({"T": table({})})
	r.resource == "T"
	r.path == ["Properties"]
	contains(r.msg, "no point-in-time recovery")
}

test_table_with_pitr_passes if {
	count(control.deny) == 0 with input as tpl({"A": table(pitr(true)), "B": table(pitr("true"))})
}

test_disabled_pitr_points_at_specification if {
	some r in control.deny with input as tpl({"T": table(pitr(false))})
	r.path == ["Properties", "PointInTimeRecoverySpecification"]
}

test_global_table_replicas_are_checked if {
	gt := {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [
		object.union({"Region": "eu-west-2"}, pitr(true)),
		{"Region": "us-east-1"},
	]}}
	results := control.deny with input as tpl({"G": gt})
	count(results) == 1
	some r in results
	contains(r.msg, "replica us-east-1")
	r.path == ["Properties", "Replicas", 1]
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": table(pitr(1)), "B": table({"PointInTimeRecoverySpecification": "on"}), "C": {"Type": "AWS::DynamoDB::Table"}})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"T": table(pitr({"Fn::If": ["Prod", true, false]}))},
}

test_branch_without_pitr_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "T"
}

test_branch_with_pitr_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Pitr": {"Type": "String", "Default": "false"}}, "Resources": {"T": table(pitr({"Ref": "Pitr"}))}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "T"
}

test_cdk_table_is_denied if {
	t := tpl({"LedgerTable38A58B60": {
		"Type": "AWS::DynamoDB::Table",
		"Properties": {"AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]},
		"Metadata": {"aws:cdk:path": "storage-insecure/LedgerTable/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "LedgerTable38A58B60"
}
