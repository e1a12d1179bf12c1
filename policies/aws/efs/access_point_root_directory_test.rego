package regent.aws.efs.access_point_root_directory_test

import rego.v1

import data.regent.aws.efs.access_point_root_directory as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

ap(props) := {"Type": "AWS::EFS::AccessPoint", "Properties": object.union({"FileSystemId": {"Ref": "Fs"}, "PosixUser": {"Uid": "1001", "Gid": "1001"}}, props)}

test_access_point_without_root_directory_is_denied if {
	some r in control.deny with input as tpl({"Ap": ap({})})
	r.resource == "Ap"
	r.path == ["Properties"]
	contains(r.msg, "no RootDirectory")
}

test_sub_directory_passes if {
	count(control.deny) == 0 with input as tpl({"Ap": ap({"RootDirectory": {"Path": "/app/data"}})})
}

test_slash_is_denied if {
	some r in control.deny with input as tpl({"Ap": ap({"RootDirectory": {"Path": "/"}})})
	r.path == ["Properties", "RootDirectory", "Path"]
	contains(r.msg, "RootDirectory.Path is /")
}

test_root_directory_without_path_is_denied if {
	some r in control.deny with input as tpl({"Ap": ap({"RootDirectory": {"CreationInfo": {"OwnerUid": "1001", "OwnerGid": "1001", "Permissions": "750"}}})})
	r.path == ["Properties", "RootDirectory"]
	contains(r.msg, "no RootDirectory.Path")
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({"A": ap({"RootDirectory": "/app"}), "B": ap({"RootDirectory": {"Path": 7}}), "C": ap({"RootDirectory": {"Path": "//"}})})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Shared": {"Fn::Equals": [{"Ref": "Mode"}, "shared"]}},
	"Parameters": {"Mode": {"Type": "String", "AllowedValues": ["shared", "isolated"]}},
	"Resources": {"Ap": ap({"RootDirectory": {"Path": {"Fn::If": ["Shared", "/", "/tenant-a"]}}})},
}

test_whole_file_system_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Shared == true
	some r in control.deny with input as v.template
	r.resource == "Ap"
}

test_sub_directory_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Shared == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_slash_is_denied if {
	t := {"Parameters": {"Dir": {"Type": "String", "Default": "/"}}, "Resources": {"Ap": ap({"RootDirectory": {"Path": {"Ref": "Dir"}}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Ap"
}

test_cdk_access_point_passes if {
	t := tpl({"SharedFsAppDataAccessPoint3C1A0E52": {
		"Type": "AWS::EFS::AccessPoint",
		"Properties": {
			"FileSystemId": {"Ref": "SharedFs6F8F9A2B"},
			"PosixUser": {"Gid": "1001", "Uid": "1001"},
			"RootDirectory": {"CreationInfo": {"OwnerGid": "1001", "OwnerUid": "1001", "Permissions": "750"}, "Path": "/app"},
		},
		"Metadata": {"aws:cdk:path": "app/SharedFs/AppData/Resource"},
	}})
	count(control.deny) == 0 with input as t
}
