package regent.aws.lambda.deprecated_runtime_test

import rego.v1

import data.regent.aws.lambda.deprecated_runtime as runtime
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(rt) := {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": rt, "Handler": "index.handler"}}

test_deprecated_runtime_is_denied if {
	some r in runtime.deny with input as tpl({"Fn": fn("python2.7")})
	r.resource == "Fn"
	r.path == ["Properties", "Runtime"]
	contains(r.msg, "deprecated since 2021-07-15")
}

test_current_runtimes_pass if {
	count(runtime.deny) == 0 with input as tpl({"A": fn("nodejs22.x"), "B": fn("python3.13"), "C": fn("java21"), "D": fn("provided.al2023")})
}

test_container_image_functions_pass if {
	count(runtime.deny) == 0 with input as tpl({"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"PackageType": "Image"}}})
}

test_wrongly_typed_runtime_is_ignored if {
	count(runtime.deny) == 0 with input as tpl({"A": fn(["nodejs12.x"]), "B": fn(12)})
}

test_sam_globals_runtime_is_denied if {
	t := {"Globals": {"Function": {"Runtime": "nodejs14.x"}}, "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {}}}}
	some r in runtime.deny with input as t
	r.resource == "Fn"
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({"Fn::If": ["IsProd", "nodejs22.x", "nodejs16.x"]})},
}

test_deprecated_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in runtime.deny with input as v.template
	contains(r.msg, "nodejs16.x")
}

test_current_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(runtime.deny) == 0 with input as v.template
}

test_parameter_default_runtime_is_denied if {
	t := {
		"Parameters": {"Runtime": {"Type": "String", "Default": "python3.6"}},
		"Resources": {"Fn": fn({"Ref": "Runtime"})},
	}
	some v in cfn.variants(t)
	some r in runtime.deny with input as v.template
	r.resource == "Fn"
}

test_cdk_style_template_is_denied if {
	t := tpl({"ProcessPaymentFn28746EEC": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Runtime": "nodejs16.x", "Role": {"Fn::GetAtt": ["ProcessPaymentFnServiceRole", "Arn"]}},
		"Metadata": {"aws:cdk:path": "api/ProcessPaymentFn/Resource"},
	}})
	some r in runtime.deny with input as t
	r.resource == "ProcessPaymentFn28746EEC"
}
