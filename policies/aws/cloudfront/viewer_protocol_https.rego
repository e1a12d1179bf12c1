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
#   resource_types: [AWS::CloudFront::Distribution]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1)]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Set `ViewerProtocolPolicy: redirect-to-https` (or `https-only`) on the default and
#     every cache behavior, and send HSTS with a response headers policy.
#     ```ts
#     new cloudfront.Distribution(this, 'Distribution', {
#       defaultBehavior: {
#         origin,
#         viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
#         responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
#       },
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_34]
#     control_tower: [CT.CLOUDFRONT.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudfront.viewer_protocol_https

import rego.v1

import data.regent.cfn

# [path relative to DistributionConfig, behavior]
behaviors(config) := {[["DefaultCacheBehavior"], b] | b := config.DefaultCacheBehavior} | {[["CacheBehaviors", i], b] |
	is_array(config.CacheBehaviors)
	some i, b in config.CacheBehaviors
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	config := cfn.property(r, ["DistributionConfig"], {})
	is_object(config)
	some [rel, b] in behaviors(config)
	is_object(b)
	policy := object.get(b, "ViewerProtocolPolicy", null)
	is_string(policy)
	lower(policy) == "allow-all"
	result := {
		"msg": sprintf("%s: CloudFront %s allows plain HTTP (ViewerProtocolPolicy: allow-all); expected redirect-to-https or https-only", [id, describe(rel, b)]),
		"resource": id,
		"path": array.concat(array.concat(["Properties", "DistributionConfig"], rel), ["ViewerProtocolPolicy"]),
	}
}

describe(rel, b) := "default cache behavior" if {
	rel == ["DefaultCacheBehavior"]
} else := sprintf("cache behavior %s", [b.PathPattern]) if {
	is_string(b.PathPattern)
} else := "cache behavior"
