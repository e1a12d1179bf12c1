# METADATA
# title: S3 bucket policies do not grant access to everyone
# description: >-
#   An Allow statement with `Principal: "*"` (or `{"AWS": "*"}`) and no
#   condition restricting the caller's account, organization, network or
#   source makes the granted actions available to anyone on the internet,
#   e.g. public read of every object. Serve public content through CloudFront
#   with origin access control instead of a public bucket.
# custom:
#   id: S3.006
#   severity: critical
#   resource_types: [AWS::S3::BucketPolicy]
#   threats: [T03, T04]
#   mitigations: [M03, M04]
#   frameworks:
#     nist-800-53: [AC-3, AC-6, AC-21]
#     soc2: [CC6.1, CC6.6]
#     pci-dss-4.0: ["1.4.4"]
#   remediation: |-
#     Replace the `*` principal with the principals that need access (for CloudFront, the service principal with an `AWS:SourceArn` condition on the distribution), or add a condition such as `aws:PrincipalOrgID`; do not use `publicReadAccess: true`.
#     ```ts
#     new cloudfront.Distribution(this, 'Site', {
#       defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket) },
#     });
#     ```
#   aliases:
#     cfn_nag: [F16]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_policy_public

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, p in cfn.resources("AWS::S3::BucketPolicy")
	some [spath, s] in aws_iam.statements(p.Properties.PolicyDocument)
	aws_iam.public_allow(s)
	result := {
		"msg": sprintf("%s: bucket policy statement %s allows %s to any principal without a restricting condition, so anyone on the internet can do it; expected named principals or a condition such as aws:SourceArn or aws:PrincipalOrgID", [id, stmt_name(s, spath), aws_iam.action_text(s)]),
		"resource": id,
		"path": array.concat(["Properties", "PolicyDocument"], spath),
	}
}

stmt_name(s, spath) := sprintf("%q", [s.Sid]) if {
	is_string(s.Sid)
} else := sprintf("Statement[%v]", [spath[count(spath) - 1]])
