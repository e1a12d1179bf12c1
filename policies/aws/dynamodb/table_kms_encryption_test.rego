package regent.aws.dynamodb.table_kms_encryption_test

import rego.v1

import data.regent.aws.dynamodb.table_kms_encryption as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

table(props) := {"Type": "AWS::DynamoDB::Table", "Properties": object.union({
	"KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
	"AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
}, props)}

cmk := {"Fn::GetAtt": ["DataKey", "Arn"]}

test_table_without_sse_is_denied if {
	some r in control.deny with input as tpl({"T": table({})})
	r.resource == "T"
	r.path == ["Properties"]
	contains(r.msg, "AWS-owned key (no SSESpecification)")
}

test_cmk_table_passes if {
	count(control.deny) == 0 with input as tpl({"T": table({"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": cmk}})})
}

test_aws_managed_key_is_denied if {
	results := control.deny with input as tpl({
		"A": table({"SSESpecification": {"SSEEnabled": true}}),
		"B": table({"SSESpecification": {"SSEEnabled": "true", "SSEType": "KMS", "KMSMasterKeyId": "alias/aws/dynamodb"}}),
	})
	count(results) == 2
	every r in results {
		contains(r.msg, "AWS-managed aws/dynamodb key")
		r.path == ["Properties", "SSESpecification"]
	}
}

test_sse_disabled_is_denied if {
	some r in control.deny with input as tpl({"T": table({"SSESpecification": {"SSEEnabled": "false", "KMSMasterKeyId": cmk}})})
	contains(r.msg, "SSEEnabled is not true")
}

test_global_table_needs_kms_and_replica_keys if {
	gt := {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {
		"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS"},
		"Replicas": [
			{"Region": "eu-west-2", "SSESpecification": {"KMSMasterKeyId": cmk}},
			{"Region": "eu-west-1"},
		],
	}}
	results := control.deny with input as tpl({"G": gt})
	count(results) == 1
	some r in results
	r.path == ["Properties", "Replicas", 1]
	contains(r.msg, "replica eu-west-1")
}

test_global_table_without_kms_is_denied if {
	gt := {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"Replicas": [{"Region": "eu-west-2", "SSESpecification": {"KMSMasterKeyId": cmk}}]}}
	some r in control.deny with input as tpl({"G": gt})
	r.path == ["Properties"]
	contains(r.msg, "SSEType is not KMS")
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({
		"A": table({"SSESpecification": "on"}),
		"B": {"Type": "AWS::DynamoDB::Table"},
		"G": {"Type": "AWS::DynamoDB::GlobalTable", "Properties": {"SSESpecification": {"SSEEnabled": true, "SSEType": 1}, "Replicas": "x"}},
	})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Cmk": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"T": table({"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": {"Fn::If": ["Cmk", cmk, {"Ref": "AWS::NoValue"}]}}})},
}

test_branch_without_key_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Cmk == false
	some r in control.deny with input as v.template
	r.resource == "T"
}

test_branch_with_key_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Cmk == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_aws_key_is_denied if {
	t := {
		"Parameters": {"Key": {"Type": "String", "Default": "alias/aws/dynamodb"}},
		"Resources": {"T": table({"SSESpecification": {"SSEEnabled": true, "SSEType": "KMS", "KMSMasterKeyId": {"Ref": "Key"}}})},
	}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "T"
}

test_cdk_tables if {
	t := tpl({
		"PaymentsTable48A42630": {
			"Type": "AWS::DynamoDB::Table",
			"Properties": {"BillingMode": "PAY_PER_REQUEST", "SSESpecification": {"SSEEnabled": true}},
			"UpdateReplacePolicy": "Retain", "DeletionPolicy": "Retain",
			"Metadata": {"aws:cdk:path": "serverless-api-insecure/PaymentsTable/Resource"},
		},
		"LedgerTable38A58B60": {
			"Type": "AWS::DynamoDB::Table",
			"Properties": {"SSESpecification": {"KMSMasterKeyId": {"Fn::GetAtt": ["DataKey17AFBB84", "Arn"]}, "SSEEnabled": true, "SSEType": "KMS"}},
			"Metadata": {"aws:cdk:path": "storage-hardened/LedgerTable/Resource"},
		},
	})
	results := control.deny with input as t
	count(results) == 1
	some r in results
	r.resource == "PaymentsTable48A42630"
}
