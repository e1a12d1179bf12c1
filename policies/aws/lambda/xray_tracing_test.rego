package regent.aws.lambda.xray_tracing_test

import rego.v1

import data.regent.aws.lambda.xray_tracing as xray
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(props) := {"Type": "AWS::Lambda::Function", "Properties": props}

test_missing_tracing_is_denied if {
	some r in xray.deny with input as tpl({"Fn": fn({})})
	r.resource == "Fn"
	r.path == ["Properties", "TracingConfig", "Mode"]
	contains(r.msg, "tracing mode not set")
}

test_pass_through_is_denied if {
	some r in xray.deny with input as tpl({"Fn": fn({"TracingConfig": {"Mode": "PassThrough"}})})
	contains(r.msg, "tracing mode PassThrough")
}

test_active_tracing_passes if {
	count(xray.deny) == 0 with input as tpl({"Fn": fn({"TracingConfig": {"Mode": "Active"}})})
}

test_sam_tracing_and_globals if {
	sam := {"Type": "AWS::Serverless::Function", "Properties": {}}
	some r in xray.deny with input as tpl({"Fn": sam})
	r.path == ["Properties", "Tracing"]
	count(xray.deny) == 0 with input as {"Globals": {"Function": {"Tracing": "Active"}}, "Resources": {"Fn": sam}}
}

test_wrong_types_are_denied if {
	some r in xray.deny with input as tpl({"Fn": fn({"TracingConfig": {"Mode": true}})})
	r.resource == "Fn"
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({"TracingConfig": {"Mode": {"Fn::If": ["IsProd", "Active", "PassThrough"]}}})},
}

test_untraced_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in xray.deny with input as v.template
	r.resource == "Fn"
}

test_traced_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(xray.deny) == 0 with input as v.template
}

test_parameter_default_pass_through_is_denied if {
	t := {
		"Parameters": {"Mode": {"Type": "String", "Default": "PassThrough"}},
		"Resources": {"Fn": fn({"TracingConfig": {"Mode": {"Ref": "Mode"}}})},
	}
	some v in cfn.variants(t)
	some r in xray.deny with input as v.template
	r.resource == "Fn"
}

test_cdk_style_template_passes if {
	t := tpl({"CreatePaymentFn1CCC006E": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"TracingConfig": {"Mode": "Active"}, "Role": {"Fn::GetAtt": ["CreatePaymentFnServiceRole", "Arn"]}},
		"Metadata": {"aws:cdk:path": "api/CreatePaymentFn/Resource"},
	}})
	count(xray.deny) == 0 with input as t
}
