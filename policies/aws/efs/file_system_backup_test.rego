package regent.aws.efs.file_system_backup_test

import rego.v1

import data.regent.aws.efs.file_system_backup as control
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fs(props) := {"Type": "AWS::EFS::FileSystem", "Properties": object.union({"Encrypted": true}, props)}

selection(sel) := {"Type": "AWS::Backup::BackupSelection", "Properties": {
	"BackupPlanId": {"Ref": "Plan"},
	"BackupSelection": object.union({"SelectionName": "files", "IamRoleArn": "arn:aws:iam::111122223333:role/backup"}, sel),
}}

test_file_system_without_backups_is_denied if {
	some r in control.deny with input as tpl({"Fs": fs({})})
	r.resource == "Fs"
	r.path == ["Properties"]
	contains(r.msg, "BackupPolicy.Status is not set")
}

test_enabled_backup_policy_passes if {
	count(control.deny) == 0 with input as tpl({"Fs": fs({"BackupPolicy": {"Status": "ENABLED"}})})
}

test_disabled_backup_policy_is_denied if {
	some r in control.deny with input as tpl({"Fs": fs({"BackupPolicy": {"Status": "DISABLED"}})})
	r.path == ["Properties", "BackupPolicy"]
	contains(r.msg, "DISABLED")
}

test_backup_selection_by_arn_passes if {
	count(control.deny) == 0 with input as tpl({
		"Fs": fs({}),
		"Sel": selection({"Resources": [{"Fn::GetAtt": ["Fs", "Arn"]}]}),
	})
}

test_backup_selection_by_sub_and_wildcard_pass if {
	count(control.deny) == 0 with input as tpl({
		"A": fs({}),
		"SelA": selection({"Resources": [{"Fn::Sub": "${A.Arn}"}]}),
	})
	count(control.deny) == 0 with input as tpl({
		"B": fs({}),
		"SelB": selection({"Resources": ["arn:aws:elasticfilesystem:*:*:file-system/*"]}),
	})
}

test_backup_selection_by_tag_passes if {
	count(control.deny) == 0 with input as tpl({
		"Fs": fs({"FileSystemTags": [{"Key": "backup", "Value": "daily"}]}),
		"Sel": selection({"ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "backup", "ConditionValue": "daily"}]}),
	})
}

test_selection_of_another_resource_does_not_count if {
	some r in control.deny with input as tpl({"Fs": fs({}), "Sel": selection({"Resources": [{"Fn::GetAtt": ["Table", "Arn"]}]})})
	r.resource == "Fs"
}

test_wrongly_typed_values_are_denied if {
	results := control.deny with input as tpl({
		"A": fs({"BackupPolicy": {"Status": true}}),
		"B": fs({"BackupPolicy": "ENABLED"}),
		"C": {"Type": "AWS::EFS::FileSystem"},
		"Sel": {"Type": "AWS::Backup::BackupSelection", "Properties": {"BackupSelection": "all"}},
	})
	count(results) == 3
}

if_tpl := {
	"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Resources": {"Fs": fs({"BackupPolicy": {"Status": {"Fn::If": ["Prod", "ENABLED", "DISABLED"]}}})},
}

test_disabled_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == false
	some r in control.deny with input as v.template
	r.resource == "Fs"
}

test_enabled_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Prod == true
	count(control.deny) == 0 with input as v.template
}

test_parameter_default_disabled_is_denied if {
	t := {"Parameters": {"Backups": {"Type": "String", "Default": "DISABLED"}}, "Resources": {"Fs": fs({"BackupPolicy": {"Status": {"Ref": "Backups"}}})}}
	some v in cfn.variants(t)
	some r in control.deny with input as v.template
	r.resource == "Fs"
}

test_cdk_backup_plan_selection_passes if {
	t := tpl({
		"SharedFs6F8F9A2B": {
			"Type": "AWS::EFS::FileSystem",
			"Properties": {"Encrypted": true, "KmsKeyId": {"Fn::GetAtt": ["FilesKey", "Arn"]}},
			"Metadata": {"aws:cdk:path": "app/SharedFs/Resource"},
		},
		"PlanFilesSelection4B8A2C1D": {
			"Type": "AWS::Backup::BackupSelection",
			"Properties": {
				"BackupPlanId": {"Fn::GetAtt": ["Plan12B5F9A3", "BackupPlanId"]},
				"BackupSelection": {
					"IamRoleArn": {"Fn::GetAtt": ["PlanFilesSelectionRole", "Arn"]},
					"Resources": [{"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":elasticfilesystem:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":file-system/", {"Ref": "SharedFs6F8F9A2B"}]]}],
					"SelectionName": "Files",
				},
			},
			"Metadata": {"aws:cdk:path": "app/Plan/Files/Resource"},
		},
	})
	count(control.deny) == 0 with input as t
}
