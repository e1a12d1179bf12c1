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
#   resource_types: [AWS::CloudFront::Distribution]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SC-7, SI-4]
#     soc2: [CC6.6]
#     pci-dss-4.0: ["6.4.2"]
#   remediation: |-
#     Attach a WAFv2 web ACL with `Scope: CLOUDFRONT` (created in us-east-1), with at least
#     the AWS managed common rule set and IP reputation list.
#     ```ts
#     new cloudfront.Distribution(this, 'Distribution', {
#       defaultBehavior: { origin },
#       webAclId: cdnWebAcl.attrArn,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_68]
#     cdk_nag: [AwsSolutions-CFR2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudfront.waf

import rego.v1

import data.regent.cfn

web_acl(r) if {
	acl := cfn.property(r, ["DistributionConfig", "WebACLId"], null)
	acl != null
	acl != ""
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	not web_acl(r)
	result := {
		"msg": sprintf("%s: CloudFront distribution has no AWS WAF web ACL; expected DistributionConfig.WebACLId", [id]),
		"resource": id,
		"path": ["Properties", "DistributionConfig"],
	}
}
