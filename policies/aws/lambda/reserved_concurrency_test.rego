package regent.aws.lambda.reserved_concurrency_test

import rego.v1

import data.regent.aws.lambda.reserved_concurrency as concurrency
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(props) := {"Type": "AWS::Lambda::Function", "Properties": props}

test_missing_reserved_concurrency_is_denied if {
	some r in concurrency.deny with input as tpl({"Fn": fn({})})
	r.resource == "Fn"
	r.path == ["Properties", "ReservedConcurrentExecutions"]
	contains(r.msg, "no reserved concurrency")
}

test_reserved_concurrency_passes if {
	count(concurrency.deny) == 0 with input as tpl({"A": fn({"ReservedConcurrentExecutions": 50}), "B": fn({"ReservedConcurrentExecutions": "10"})})
}

test_sam_globals_pass if {
	count(concurrency.deny) == 0 with input as {
		"Globals": {"Function": {"ReservedConcurrentExecutions": 20}},
		"Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {}}},
	}
}

test_null_value_is_denied if {
	some r in concurrency.deny with input as tpl({"Fn": fn({"ReservedConcurrentExecutions": null})})
	r.resource == "Fn"
}

test_other_resource_types_are_ignored if {
	count(concurrency.deny) == 0 with input as tpl({"Q": {"Type": "AWS::SQS::Queue", "Properties": {}}})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({"ReservedConcurrentExecutions": {"Fn::If": ["IsProd", 100, {"Ref": "AWS::NoValue"}]}})},
}

test_unlimited_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in concurrency.deny with input as v.template
	r.resource == "Fn"
}

test_limited_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(concurrency.deny) == 0 with input as v.template
}

test_parameter_limit_passes if {
	t := {
		"Parameters": {"Limit": {"Type": "Number", "Default": "25"}},
		"Resources": {"Fn": fn({"ReservedConcurrentExecutions": {"Ref": "Limit"}})},
	}
	some v in cfn.variants(t)
	count(concurrency.deny) == 0 with input as v.template
}

test_cdk_style_template_is_denied if {
	t := tpl({"GetPaymentFnF5B745F3": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Role": {"Fn::GetAtt": ["SharedLambdaRole04297543", "Arn"]}},
		"Metadata": {"aws:cdk:path": "api/GetPaymentFn/Resource"},
	}})
	some r in concurrency.deny with input as t
	r.resource == "GetPaymentFnF5B745F3"
}
