# METADATA
# title: CloudFront distributions require HTTPS from viewers
# description: >-
#   `ViewerProtocolPolicy: allow-all` serves content over plain HTTP, so
#   session cookies, tokens and page content can be read or modified by
#   anyone on the network path (public Wi-Fi, compromised routers) and
#   injected scripts can take over the application.
# custom:
#   id: CLOUDFRONT.001
#   severity: high
#   remediation: >-
#     Set `ViewerProtocolPolicy: redirect-to-https` (or `https-only`) on the
#     default and every cache behavior (CDK: `viewerProtocolPolicy:
#     cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS`), and send HSTS with
#     a response headers policy.
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1)]
#   aliases:
#     checkov: [CKV_AWS_34]
package regent.aws.cloudfront.viewer_protocol_https

import rego.v1

import data.regent.cfn

# [path relative to DistributionConfig, behavior]
behaviors(config) := {[["DefaultCacheBehavior"], config.DefaultCacheBehavior]} | {[["CacheBehaviors", i], b] |
	some i, b in config.CacheBehaviors
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	some [rel, b] in behaviors(r.Properties.DistributionConfig)
	b.ViewerProtocolPolicy == "allow-all"
	result := {
		"msg": sprintf("%s: CloudFront %s allows plain HTTP (ViewerProtocolPolicy: allow-all); expected redirect-to-https or https-only", [id, describe(rel, b)]),
		"resource": id,
		"path": array.concat(array.concat(["Properties", "DistributionConfig"], rel), ["ViewerProtocolPolicy"]),
	}
}

describe(rel, b) := "default cache behavior" if {
	rel == ["DefaultCacheBehavior"]
} else := sprintf("cache behavior %v", [b.PathPattern]) if {
	is_string(b.PathPattern)
} else := "cache behavior"
