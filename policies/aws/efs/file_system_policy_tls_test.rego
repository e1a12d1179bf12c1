package regent.aws.efs.file_system_policy_tls_test

import rego.v1

import data.regent.aws.efs.file_system_policy_tls as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fs(props) := {"Type": "AWS::EFS::FileSystem", "Properties": object.union({"Encrypted": true}, props)}

deny_plain(value) := {"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "*", "Condition": {"Bool": {"aws:SecureTransport": value}}}

policy(statements) := {"Version": "2012-10-17", "Statement": statements}

test_file_system_without_policy_is_denied if {
	some r in control.deny with input as tpl({"Fs": fs({})})
	r.resource == "Fs"
	r.path == ["Properties"]
	contains(r.msg, "no FileSystemPolicy")
}

test_tls_deny_passes if {
	count(control.deny) == 0 with input as tpl({"Fs": fs({"FileSystemPolicy": policy([deny_plain("false")])})})
}

test_policy_without_tls_deny_is_denied if {
	allow := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["elasticfilesystem:ClientMount"], "Condition": {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}}
	some r in control.deny with input as tpl({"Fs": fs({"FileSystemPolicy": policy([allow])})})
	r.path == ["Properties", "FileSystemPolicy"]
	contains(r.msg, "no aws:SecureTransport deny")
}

test_boolean_false_and_single_statement_pass if {
	count(control.deny) == 0 with input as tpl({"Fs": fs({"FileSystemPolicy": {"Statement": deny_plain(false)}})})
}

test_deny_on_secure_transport_true_does_not_count if {
	some r in control.deny with input as tpl({"Fs": fs({"FileSystemPolicy": policy([deny_plain("true")])})})
	r.resource == "Fs"
}

test_wrongly_typed_policy_is_denied if {
	results := control.deny with input as tpl({"A": fs({"FileSystemPolicy": "{\"Statement\": []}"}), "B": {"Type": "AWS::EFS::FileSystem"}})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Strict": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Fs": fs({"FileSystemPolicy": {"Fn::If": ["Strict", policy([deny_plain("false")]), {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_policy_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Strict == false
	some r in control.deny with input as v.template
	r.resource == "Fs"
}

test_branch_with_policy_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Strict == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_condition_value_is_resolved if {
	t := {"Parameters": {"Secure": {"Type": "String", "Default": "true"}}, "Resources": {"Fs": fs({"FileSystemPolicy": policy([deny_plain({"Ref": "Secure"})])})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Fs"
}

test_cdk_default_policy_is_denied if {
	t := tpl({"SharedFs6F8F9A2B": {
		"Type": "AWS::EFS::FileSystem",
		"Properties": {
			"Encrypted": true,
			"FileSystemPolicy": {"Statement": [{"Action": ["elasticfilesystem:ClientRootAccess", "elasticfilesystem:ClientWrite"], "Condition": {"Bool": {"elasticfilesystem:AccessedViaMountTarget": "true"}}, "Effect": "Allow", "Principal": {"AWS": "*"}}], "Version": "2012-10-17"},
		},
		"Metadata": {"aws:cdk:path": "app/SharedFs/Resource"},
	}})
	some r in control.deny with input as t
	r.resource == "SharedFs6F8F9A2B"
}
