# METADATA
# title: EFS access points enforce a non-root user identity
# description: >-
#   Without `PosixUser` an access point lets every NFS client act with the
#   user and group IDs it claims, including root, so a compromised container
#   or instance can read and overwrite any file it can reach, whatever the
#   file permissions say. An access point that enforces uid or gid 0 hands
#   root to every client. Enforcing a dedicated non-root identity confines
#   each workload to the files that identity owns.
# custom:
#   id: EFS.003
#   severity: medium
#   resource_types: [AWS::EFS::AccessPoint]
#   threats: [T10, T04]
#   mitigations: [M10]
#   frameworks:
#     nist-800-53: [AC-3, AC-6]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `PosixUser` with a non-zero `Uid` and `Gid` on the access point, and mount the file system only through access points.
#     ```ts
#     fs.addAccessPoint('AppData', {
#       path: '/app',
#       posixUser: { uid: '1001', gid: '1001' },
#       createAcl: { ownerUid: '1001', ownerGid: '1001', permissions: '750' },
#     });
#     ```
#   aliases:
#     control_tower: [CT.ELASTICFILESYSYSTEM.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.efs.access_point_user_identity

import rego.v1

deny contains result if {
	some id, r in input.Resources
	r.Type == "AWS::EFS::AccessPoint"
	user := object.get(r, ["Properties", "PosixUser"], null)
	not is_object(user)
	result := {
		"msg": sprintf("%s: EFS access point does not enforce a user identity (no PosixUser), so clients act as any uid they claim, root included; expected PosixUser with a non-root Uid and Gid", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}

deny contains result if {
	some id, r in input.Resources
	r.Type == "AWS::EFS::AccessPoint"
	user := object.get(r, ["Properties", "PosixUser"], null)
	is_object(user)
	some key in ["Uid", "Gid"]
	root_id(object.get(user, key, null))
	result := {
		"msg": sprintf("%s: EFS access point enforces %s 0 (root) on every client; expected a non-root PosixUser.%s", [id, key, key]),
		"resource": id,
		"path": ["Properties", "PosixUser", key],
	}
}

# 0 given as a number or a numeric string ("0", "00").
root_id(v) if v == 0

root_id(v) if {
	is_string(v)
	regex.match(`^0+$`, v)
}
