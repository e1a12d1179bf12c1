# METADATA
# title: CloudFront distributions are protected by AWS WAF
# description: >-
#   A distribution without a web ACL forwards every request, including SQL
#   injection, cross-site scripting, known-bad IPs and bot floods, straight
#   to the origin; WAF at the edge is the cheapest place to block them and
#   to rate-limit abusive clients.
# custom:
#   id: CLOUDFRONT.005
#   severity: medium
#   remediation: >-
#     Associate a WAFv2 web ACL with `Scope: CLOUDFRONT` through
#     `DistributionConfig.WebACLId` (CDK: `webAclId: webAcl.attrArn`), with at
#     least the AWS managed common rule set and IP reputation list.
#   frameworks:
#     nist-800-53: [SC-7, SI-4]
#   aliases:
#     checkov: [CKV_AWS_68]
#     cdk_nag: [AwsSolutions-CFR2]
package regent.aws.cloudfront.waf

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	not r.Properties.DistributionConfig.WebACLId
	result := {
		"msg": sprintf("%s: CloudFront distribution has no AWS WAF web ACL; expected DistributionConfig.WebACLId", [id]),
		"resource": id,
		"path": ["Properties", "DistributionConfig"],
	}
}
