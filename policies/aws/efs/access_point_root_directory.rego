# METADATA
# title: EFS access points confine clients to a root directory
# description: >-
#   An access point without `RootDirectory` (or with path `/`) exposes the
#   whole file system to every client that mounts through it, so one
#   workload can read or destroy the data of every other workload sharing
#   the file system. A dedicated sub-directory per access point limits each
#   client to its own tree.
# custom:
#   id: EFS.004
#   severity: medium
#   resource_types: [AWS::EFS::AccessPoint]
#   threats: [T10, T04]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-3, AC-6]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `RootDirectory.Path` to a workload-specific directory (not `/`), with `CreationInfo` so EFS creates it with the right owner.
#     ```ts
#     fs.addAccessPoint('AppData', {
#       path: '/app',
#       createAcl: { ownerUid: '1001', ownerGid: '1001', permissions: '750' },
#       posixUser: { uid: '1001', gid: '1001' },
#     });
#     ```
#   aliases:
#     control_tower: [CT.ELASTICFILESYSYSTEM.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.efs.access_point_root_directory

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in input.Resources
	r.Type == "AWS::EFS::AccessPoint"
	dir := object.get(r, ["Properties", "RootDirectory"], null)
	not confined(dir)
	result := {
		"msg": sprintf("%s: EFS access point exposes the whole file system (%s); expected RootDirectory.Path set to a workload-specific directory", [id, what(dir)]),
		"resource": id,
		"path": path(dir),
	}
}

# A path below the file system root ("/app", not "/" or "//").
confined(dir) if {
	is_string(dir.Path)
	regex.match(`^/*[^/]`, dir.Path)
}

# An unresolved intrinsic (e.g. a Ref to a parameter without a default) is
# given the benefit of the doubt.
confined(dir) if cfn.is_intrinsic(dir.Path)

what(dir) := "no RootDirectory" if {
	not is_object(dir)
} else := "no RootDirectory.Path" if {
	not "Path" in object.keys(dir)
} else := sprintf("RootDirectory.Path is %v", [dir.Path])

path(dir) := ["Properties", "RootDirectory", "Path"] if {
	is_object(dir)
	"Path" in object.keys(dir)
} else := ["Properties", "RootDirectory"] if {
	is_object(dir)
} else := ["Properties"]
