# METADATA
# title: EFS file systems are backed up automatically
# description: >-
#   EFS keeps no history of its own: a deleted directory, a ransomware run
#   over an NFS mount or a faulty job that overwrites files is permanent
#   unless AWS Backup protects the file system. A file system passes with
#   `BackupPolicy.Status: ENABLED` (the daily EFS default backup plan) or
#   when an AWS::Backup::BackupSelection of the template selects it by
#   ARN, by a wildcard over EFS file systems, or by one of its tags.
# custom:
#   id: EFS.002
#   severity: medium
#   resource_types: [AWS::EFS::FileSystem, AWS::Backup::BackupSelection]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-9, CP-10]
#     soc2: [A1.2]
#   remediation: |-
#     Set `BackupPolicy: {Status: ENABLED}`, or add the file system to an AWS Backup plan.
#     ```ts
#     const fs = new efs.FileSystem(this, 'Shared', { vpc, enableAutomaticBackups: true });
#     // or: plan.addSelection('Files', { resources: [backup.BackupResource.fromEfsFileSystem(fs)] });
#     ```
#   aliases:
#     control_tower: [CT.ELASTICFILESYSYSTEM.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.efs.file_system_backup

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::EFS::FileSystem")
	not backup_policy_enabled(r)
	not selected_for_backup(id, r)
	result := {
		"msg": sprintf("%s: EFS file system is not backed up (BackupPolicy.Status is %v and no AWS Backup selection includes it); expected BackupPolicy.Status: ENABLED or an AWS Backup plan", [id, status(r)]),
		"resource": id,
		"path": path(r),
	}
}

backup_policy_enabled(r) if upper(status(r)) == "ENABLED"

status(r) := s if {
	s := r.Properties.BackupPolicy.Status
	is_string(s)
} else := "not set"

# The selection objects of the template's AWS Backup selections.
selections contains s if {
	some _, sel in cfn.resources("AWS::Backup::BackupSelection")
	s := sel.Properties.BackupSelection
	is_object(s)
}

selected_for_backup(id, _) if {
	some s in selections
	some v in cfn.as_array(object.get(s, "Resources", []))
	names_file_system(v, id)
}

selected_for_backup(_, r) if {
	some s in selections
	some t in cfn.as_array(object.get(s, "ListOfTags", []))
	some tag in cfn.as_array(cfn.property(r, ["FileSystemTags"], []))
	object.get(t, "ConditionKey", null) == object.get(tag, "Key", "")
	object.get(t, "ConditionValue", null) == object.get(tag, "Value", "")
}

# A selection entry that names the file system: a reference to it anywhere
# inside (Ref, Fn::GetAtt, Fn::Join pieces), ${Id} or ${Id.Arn} in Fn::Sub
# text, or a wildcard ARN over all EFS file systems.
names_file_system(v, id) if {
	walk(v, [_, x])
	cfn.references(x, id)
}

names_file_system(v, id) if {
	walk(v, [_, x])
	is_string(x["Fn::Sub"])
	contains(x["Fn::Sub"], sprintf("${%s.", [id]))
}

names_file_system(v, _) if v == "*"

names_file_system(v, _) if {
	is_string(v)
	regex.match(`^arn:[^:]*:elasticfilesystem:[^:]*:[^:]*:file-system/\*$`, v)
}

path(r) := ["Properties", "BackupPolicy"] if {
	r.Properties.BackupPolicy
} else := ["Properties"]
