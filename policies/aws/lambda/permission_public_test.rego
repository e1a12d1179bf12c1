package regent.aws.lambda.permission_public_test

import rego.v1

import data.regent.aws.lambda.permission_public as permission
import data.regent.cfn

tpl(resources) := {"Resources": resources}

perm(props) := {"Type": "AWS::Lambda::Permission", "Properties": object.union({
	"Action": "lambda:InvokeFunction",
	"FunctionName": {"Fn::GetAtt": ["Fn", "Arn"]},
}, props)}

fn := {"Type": "AWS::Lambda::Function", "Properties": {}}

test_any_principal_without_conditions_is_denied if {
	some r in permission.deny with input as tpl({"Fn": fn, "P": perm({"Principal": "*"})})
	r.resource == "P"
	r.path == ["Properties", "Principal"]
	contains(r.msg, "lambda:InvokeFunction on Fn")
	contains(r.msg, "no SourceArn, SourceAccount or PrincipalOrgID")
}

test_scoped_permissions_pass if {
	count(permission.deny) == 0 with input as tpl({
		"Fn": fn,
		"A": perm({"Principal": "*", "PrincipalOrgID": "o-abc123"}),
		"B": perm({"Principal": "s3.amazonaws.com", "SourceAccount": {"Ref": "AWS::AccountId"}}),
		"C": perm({"Principal": "apigateway.amazonaws.com", "SourceArn": {"Fn::Sub": "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:api/*"}}),
		"D": perm({"Principal": "111122223333"}),
	})
}

test_public_function_url_cannot_be_scoped if {
	some r in permission.deny with input as tpl({"Fn": fn, "P": perm({
		"Action": "lambda:InvokeFunctionUrl",
		"Principal": "*",
		"FunctionUrlAuthType": "NONE",
		"SourceAccount": "111122223333",
	})})
	contains(r.msg, "without authentication")
}

test_literal_function_name_is_shown if {
	some r in permission.deny with input as tpl({"P": perm({"Principal": "*", "FunctionName": "legacy-fn"})})
	contains(r.msg, "on legacy-fn")
}

test_wrongly_typed_principal_is_ignored if {
	count(permission.deny) == 0 with input as tpl({"Fn": fn, "A": perm({"Principal": ["*"]}), "B": perm({"Principal": {"AWS": "*"}})})
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn, "P": perm({"Principal": {"Fn::If": ["IsProd", "events.amazonaws.com", "*"]}})},
}

test_public_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in permission.deny with input as v.template
	r.resource == "P"
}

test_scoped_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(permission.deny) == 0 with input as v.template
}

test_parameter_default_star_is_denied if {
	t := {
		"Parameters": {"Caller": {"Type": "String", "Default": "*"}},
		"Resources": {"Fn": fn, "P": perm({"Principal": {"Ref": "Caller"}})},
	}
	some v in cfn.variants(t)
	some r in permission.deny with input as v.template
	r.resource == "P"
}

test_cdk_style_template_is_denied if {
	t := tpl({
		"GetPaymentFnF5B745F3": fn,
		"GetPaymentFninvokefunctionurl39EB2002": {
			"Type": "AWS::Lambda::Permission",
			"Properties": {
				"Action": "lambda:InvokeFunctionUrl",
				"FunctionName": {"Fn::GetAtt": ["GetPaymentFnF5B745F3", "Arn"]},
				"FunctionUrlAuthType": "NONE",
				"Principal": "*",
			},
			"Metadata": {"aws:cdk:path": "api/GetPaymentFn/invoke-function-url"},
		},
	})
	some r in permission.deny with input as t
	r.resource == "GetPaymentFninvokefunctionurl39EB2002"
	contains(r.msg, "GetPaymentFnF5B745F3")
}
