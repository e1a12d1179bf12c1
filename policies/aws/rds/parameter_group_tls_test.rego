package regent.aws.rds.parameter_group_tls_test

import rego.v1

import data.regent.aws.rds.parameter_group_tls as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

group(family, params) := {"Type": "AWS::RDS::DBClusterParameterGroup", "Properties": {"Description": "p", "Family": family, "Parameters": params}}

test_force_ssl_off_is_denied if {
	some r in control.deny with input as tpl({"Pg": group("aurora-postgresql15", {"rds.force_ssl": "0"})})
	r.resource == "Pg"
	r.path == ["Properties", "Parameters", "rds.force_ssl"]
	contains(r.msg, "rds.force_ssl to 0")
}

test_force_ssl_on_passes if {
	count(control.deny) == 0 with input as tpl({"Pg": group("aurora-postgresql15", {"rds.force_ssl": 1})})
}

test_mysql_without_secure_transport_is_denied if {
	some r in control.deny with input as tpl({"My": {"Type": "AWS::RDS::DBParameterGroup", "Properties": {"Description": "m", "Family": "mysql8.0", "Parameters": {"max_connections": "100"}}}})
	r.path == ["Properties", "Parameters"]
	contains(r.msg, "require_secure_transport")
}

test_mysql_with_secure_transport_passes if {
	count(control.deny) == 0 with input as tpl({"My": group("aurora-mysql8.0", {"require_secure_transport": "ON"})})
}

test_odd_values_are_handled if {
	results := control.deny with input as tpl({
		"A": group("postgres16", {"rds.force_ssl": false}),
		"B": group(7, {}),
		"C": {"Type": "AWS::RDS::DBParameterGroup"},
	})
	count(results) == 1
	some r in results
	r.resource == "A"
}

if_tpl := {
	"Conditions": {"Strict": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Pg": group("postgres16", {"rds.force_ssl": {"Fn::If": ["Strict", "1", "0"]}})},
}

test_plain_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Strict == false
	some r in control.deny with input as v.template
	r.resource == "Pg"
}

test_tls_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Strict == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_off_is_denied if {
	t := {"Parameters": {"Secure": {"Type": "String", "Default": "OFF"}}, "Resources": {"My": group("mysql8.0", {"require_secure_transport": {"Ref": "Secure"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.path == ["Properties", "Parameters", "require_secure_transport"]
}

test_cdk_parameter_group_is_denied if {
	t := tpl({"AuroraParams9D737ACC": {
		"Type": "AWS::RDS::DBClusterParameterGroup",
		"Properties": {"Description": "Cluster parameter group for aurora-postgresql15", "Family": "aurora-postgresql15", "Parameters": {"rds.force_ssl": "0"}},
		"Metadata": {"aws:cdk:path": "database-insecure/AuroraParams/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "AuroraParams9D737ACC"
}
