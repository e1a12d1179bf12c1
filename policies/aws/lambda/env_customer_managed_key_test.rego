package regent.aws.lambda.env_customer_managed_key_test

import rego.v1

import data.regent.aws.lambda.env_customer_managed_key as cmk
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(props) := {"Type": "AWS::Lambda::Function", "Properties": props}

test_variables_without_key_are_denied if {
	some r in cmk.deny with input as tpl({"Fn": fn({"Environment": {"Variables": {"TABLE": "t"}}})})
	r.resource == "Fn"
	r.path == ["Properties", "KmsKeyArn"]
	contains(r.msg, "no customer-managed KMS key")
}

test_key_passes if {
	count(cmk.deny) == 0 with input as tpl({"Fn": fn({
		"Environment": {"Variables": {"TABLE": "t"}},
		"KmsKeyArn": {"Fn::GetAtt": ["Key", "Arn"]},
	})})
}

test_no_variables_pass if {
	count(cmk.deny) == 0 with input as tpl({
		"A": fn({}),
		"B": fn({"Environment": {"Variables": {}}}),
		"C": fn({"Environment": {"Variables": "TABLE=t"}}),
	})
}

test_sam_globals_are_used if {
	t := {
		"Globals": {"Function": {"KmsKeyArn": "arn:aws:kms:eu-west-2:111122223333:key/abc"}},
		"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"Environment": {"Variables": {"A": "b"}}}}},
	}
	count(cmk.deny) == 0 with input as t
	some r in cmk.deny with input as object.remove(t, ["Globals"])
	r.resource == "Fn"
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({
		"Environment": {"Variables": {"TABLE": "t"}},
		"KmsKeyArn": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["Key", "Arn"]}, {"Ref": "AWS::NoValue"}]},
	})},
}

test_keyless_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in cmk.deny with input as v.template
	r.resource == "Fn"
}

test_keyed_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(cmk.deny) == 0 with input as v.template
}

test_parameter_key_passes if {
	t := {
		"Parameters": {"KeyArn": {"Type": "String", "Default": "arn:aws:kms:eu-west-2:111122223333:key/abc"}},
		"Resources": {"Fn": fn({"Environment": {"Variables": {"TABLE": "t"}}, "KmsKeyArn": {"Ref": "KeyArn"}})},
	}
	some v in cfn.variants(t)
	count(cmk.deny) == 0 with input as v.template
}

test_cdk_style_template_is_denied if {
	t := tpl({"ProcessPaymentFn28746EEC": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Environment": {"Variables": {"QUEUE_URL": {"Ref": "ProcessingQueue6DC600C3"}}}},
		"Metadata": {"aws:cdk:path": "api/ProcessPaymentFn/Resource"},
	}})
	some r in cmk.deny with input as t
	r.resource == "ProcessPaymentFn28746EEC"
}
