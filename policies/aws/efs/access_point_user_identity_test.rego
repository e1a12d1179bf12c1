package regent.aws.efs.access_point_user_identity_test

import rego.v1

import data.regent.aws.efs.access_point_user_identity as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

ap(props) := {"Type": "AWS::EFS::AccessPoint", "Properties": object.union({"FileSystemId": {"Ref": "Fs"}, "RootDirectory": {"Path": "/app"}}, props)}

test_access_point_without_posix_user_is_denied if {
	some r in control.deny with input as tpl({"Ap": ap({})})
	r.resource == "Ap"
	r.path == ["Properties"]
	contains(r.msg, "no PosixUser")
}

test_non_root_user_passes if {
	count(control.deny) == 0 with input as tpl({"Ap": ap({"PosixUser": {"Uid": "1001", "Gid": "1001"}}), "Ap2": ap({"PosixUser": {"Uid": 1000, "Gid": 1000}})})
}

test_root_uid_is_denied if {
	some r in control.deny with input as tpl({"Ap": ap({"PosixUser": {"Uid": "0", "Gid": "1001"}})})
	r.path == ["Properties", "PosixUser", "Uid"]
	contains(r.msg, "Uid 0 (root)")
}

test_root_gid_as_number_is_denied if {
	some r in control.deny with input as tpl({"Ap": ap({"PosixUser": {"Uid": "1001", "Gid": 0}})})
	r.path == ["Properties", "PosixUser", "Gid"]
}

test_wrongly_typed_posix_user_is_denied if {
	results := control.deny with input as tpl({"A": ap({"PosixUser": "1001:1001"}), "B": {"Type": "AWS::EFS::AccessPoint"}})
	count(results) == 2
}

if_tpl := {
	"Conditions": {"Legacy": {"Fn::Equals": [{"Ref": "Mode"}, "legacy"]}},
	"Parameters": {"Mode": {"Type": "String", "AllowedValues": ["legacy", "app"]}},
	"Resources": {"Ap": ap({"PosixUser": {"Uid": {"Fn::If": ["Legacy", "0", "1001"]}, "Gid": "1001"}})},
}

test_root_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Legacy == true
	some r in control.deny with input as v.template
	r.resource == "Ap"
}

test_non_root_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Legacy == false
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_root_is_denied if {
	t := {"Parameters": {"Uid": {"Type": "String", "Default": "0"}}, "Resources": {"Ap": ap({"PosixUser": {"Uid": {"Ref": "Uid"}, "Gid": "1001"}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.path == ["Properties", "PosixUser", "Uid"]
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
