package regent.aws.logs.log_group_retention_test

import rego.v1

import data.regent.aws.logs.log_group_retention as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

group(props) := {"Type": "AWS::Logs::LogGroup", "Properties": props}

test_short_retention_is_denied if {
	some r in control.deny with input as tpl({"Logs": group({"RetentionInDays": 7})})
	r.resource == "Logs"
	r.path == ["Properties", "RetentionInDays"]
	contains(r.msg, "only 7 days")
}

test_one_year_passes if {
	count(control.deny) == 0 with input as tpl({"Logs": group({"RetentionInDays": 365})})
}

test_missing_retention_keeps_forever if {
	count(control.deny) == 0 with input as tpl({"A": group({}), "B": {"Type": "AWS::Logs::LogGroup"}})
}

test_numeric_string_is_understood if {
	some r in control.deny with input as tpl({"Logs": group({"RetentionInDays": "30"})})
	contains(r.msg, "only 30 days")
}

test_non_numeric_string_is_ignored if {
	count(control.deny) == 0 with input as tpl({"Logs": group({"RetentionInDays": "thirty"})})
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Logs": group({"RetentionInDays": {"Fn::If": ["Prod", 400, 3]}})},
}

test_short_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "Logs"
}

test_long_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_is_denied if {
	t := {"Parameters": {"Days": {"Type": "Number", "Default": 14}}, "Resources": {"Logs": group({"RetentionInDays": {"Ref": "Days"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	contains(r.msg, "14")
}

test_cdk_log_group_is_denied if {
	t := tpl({"FunctionLogsAE28C13D": {
		"Type": "AWS::Logs::LogGroup",
		"Properties": {"RetentionInDays": 3},
		"Metadata": {"aws:cdk:path": "serverless-api-insecure/FunctionLogs/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "FunctionLogsAE28C13D"
}
