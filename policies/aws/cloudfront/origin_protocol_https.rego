# METADATA
# title: CloudFront distributions connect to custom origins over TLS 1.2
# description: >-
#   With `OriginProtocolPolicy: http-only` (or `match-viewer`, which follows
#   any plain-HTTP viewer) CloudFront fetches content from the origin in
#   clear text across the internet, so it can be read or replaced in
#   transit even when viewers use HTTPS; SSLv3, TLSv1 and TLSv1.1 origin
#   protocols are broken or deprecated.
# custom:
#   id: CLOUDFRONT.002
#   severity: high
#   resource_types: [AWS::CloudFront::Distribution]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-13]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Set `OriginProtocolPolicy: https-only` with `OriginSSLProtocols: [TLSv1.2]` on custom
#     origins; serve S3 content from a REST origin with origin access control instead of
#     a website endpoint.
#     ```ts
#     new cloudfront.Distribution(this, 'Distribution', {
#       defaultBehavior: {
#         origin: new origins.HttpOrigin('api.example-bank.com', {
#           protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
#           originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
#         }),
#       },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-CFR5]
#     control_tower: [CT.CLOUDFRONT.PR.8]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudfront.origin_protocol_https

import rego.v1

import data.regent.cfn

weak_protocols := {"SSLv3", "TLSv1", "TLSv1.1"}

# Custom origins as [index, origin, CustomOriginConfig].
custom_origins(r) := {[i, origin, conf] |
	origins := cfn.property(r, ["DistributionConfig", "Origins"], [])
	is_array(origins)
	some i, origin in origins
	is_object(origin)
	conf := object.get(origin, "CustomOriginConfig", null)
	is_object(conf)
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	some [i, origin, conf] in custom_origins(r)
	policy := object.get(conf, "OriginProtocolPolicy", null)
	is_string(policy)
	lower(policy) in {"http-only", "match-viewer"}
	result := {
		"msg": sprintf("%s: CloudFront origin %v is fetched over plain HTTP (OriginProtocolPolicy: %s); expected https-only", [id, object.get(origin, "Id", i), policy]),
		"resource": id,
		"path": ["Properties", "DistributionConfig", "Origins", i, "CustomOriginConfig", "OriginProtocolPolicy"],
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	some [i, origin, conf] in custom_origins(r)
	protocols := object.get(conf, "OriginSSLProtocols", [])
	is_array(protocols)
	weak := [p | some p in protocols; p in weak_protocols]
	count(weak) > 0
	result := {
		"msg": sprintf("%s: CloudFront origin %v allows outdated protocols %s; expected OriginSSLProtocols: [TLSv1.2]", [id, object.get(origin, "Id", i), concat(", ", weak)]),
		"resource": id,
		"path": ["Properties", "DistributionConfig", "Origins", i, "CustomOriginConfig", "OriginSSLProtocols"],
	}
}
