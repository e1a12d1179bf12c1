package regent.aws.dynamodb.table_deletion_protection_test

import rego.v1

import data.regent.aws.dynamodb.table_deletion_protection as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

table(props) := {"Type": "AWS::DynamoDB::Table", "Properties": object.union({"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}, props)}

test_unprotected_table_is_denied if {
	some r in control.deny with input as tpl({"T": table({"DeletionProtectionEnabled": false})})
	r.resource == "T"
	r.path == ["Properties", "DeletionProtectionEnabled"]
	contains(r.msg, "no deletion protection")
}

test_protected_table_passes if {
	count(control.deny) == 0 with input as tpl({"A": table({"DeletionProtectionEnabled": true}), "B": table({"DeletionProtectionEnabled": "true"})})
}

test_missing_property_points_at_properties if {
	some r in control.deny with input as tpl({"T": table({})})
	r.path == ["Properties"]
}

test_global_table_replicas_are_checked if {
	gt := {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [{"Region": "eu-west-2", "DeletionProtectionEnabled": true}, {"Region": "eu-west-1"}]}}
	results := control.deny with input as tpl({"G": gt})
	count(results) == 1
	some r in results
	contains(r.msg, "replica eu-west-1")
}

test_wrongly_typed_value_is_denied if {
	some r in control.deny with input as tpl({"T": table({"DeletionProtectionEnabled": "yes"})})
	r.resource == "T"
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"T": table({"DeletionProtectionEnabled": {"Fn::If": ["Prod", true, false]}})},
}

test_unprotected_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "T"
}

test_protected_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Protect": {"Type": "String", "Default": "false"}}, "Resources": {"T": table({"DeletionProtectionEnabled": {"Ref": "Protect"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "T"
}

test_cdk_table_is_denied if {
	t := tpl({"LedgerTable38A58B60": {
		"Type": "AWS::DynamoDB::Table",
		"Properties": {"BillingMode": "PAY_PER_REQUEST", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}]},
		"UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
		"Metadata": {"aws:cdk:path": "storage-insecure/LedgerTable/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "LedgerTable38A58B60"
}
