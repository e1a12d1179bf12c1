# METADATA
# title: EFS file systems refuse NFS connections without TLS
# description: >-
#   NFS traffic to EFS is not encrypted unless the client mounts with TLS,
#   and nothing on the server side requires it by default: a client that
#   forgets `-o tls` sends file contents and credentials in clear text
#   across the VPC. A `FileSystemPolicy` statement that denies every action
#   when `aws:SecureTransport` is false makes the file system refuse
#   unencrypted mounts.
# custom:
#   id: EFS.005
#   severity: medium
#   resource_types: [AWS::EFS::FileSystem]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1)]
#     soc2: [CC6.7]
#   remediation: |-
#     Add a `FileSystemPolicy` statement with `Effect: Deny`, `Principal: {AWS: "*"}`, `Action: "*"` and `Condition: {Bool: {aws:SecureTransport: "false"}}`, and mount with the EFS mount helper's `tls` option.
#     ```ts
#     fs.addToResourcePolicy(new iam.PolicyStatement({
#       effect: iam.Effect.DENY,
#       principals: [new iam.AnyPrincipal()],
#       actions: ['*'],
#       conditions: { Bool: { 'aws:SecureTransport': 'false' } },
#     }));
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.efs.file_system_policy_tls

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::EFS::FileSystem")
	policy := cfn.property(r, ["FileSystemPolicy"], null)
	not tls_only(policy)
	result := {
		"msg": sprintf("%s: EFS file system accepts NFS connections without TLS (%s); expected a FileSystemPolicy statement denying access when aws:SecureTransport is false", [id, what(policy)]),
		"resource": id,
		"path": path(policy),
	}
}

tls_only(policy) if {
	is_object(policy)
	aws_iam.denies_insecure_transport(policy)
}

what(policy) := "no FileSystemPolicy" if {
	policy == null
} else := "its FileSystemPolicy has no aws:SecureTransport deny"

path(policy) := ["Properties", "FileSystemPolicy"] if {
	policy != null
} else := ["Properties"]
