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
#   remediation: >-
#     Replace the `*` principal with the principals that need access (for
#     CloudFront, the `cloudfront.amazonaws.com` service principal with an
#     `AWS:SourceArn` condition on the distribution; CDK:
#     `origins.S3BucketOrigin.withOriginAccessControl(bucket)`), or add a
#     condition such as `aws:PrincipalOrgID`. Do not use `publicReadAccess: true`.
#   frameworks:
#     nist-800-53: [AC-3, AC-6, AC-21]
#   aliases:
#     cfn_nag: [F16]
package regent.aws.s3.bucket_policy_public

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, p in cfn.resources("AWS::S3::BucketPolicy")
	some [spath, s] in aws_iam.statements(p.Properties.PolicyDocument)
	aws_iam.public_allow(s)
	result := {
		"msg": sprintf("%s: bucket policy statement %s allows %s to any principal without a restricting condition; expected named principals or a condition such as aws:SourceArn or aws:PrincipalOrgID", [id, stmt_name(s, spath), aws_iam.action_text(s)]),
		"resource": id,
		"path": array.concat(["Properties", "PolicyDocument"], spath),
	}
}

stmt_name(s, spath) := sprintf("%q", [s.Sid]) if {
	is_string(s.Sid)
} else := sprintf("Statement[%v]", [spath[count(spath) - 1]])
