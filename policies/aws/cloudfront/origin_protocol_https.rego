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
#   remediation: >-
#     Set `CustomOriginConfig.OriginProtocolPolicy: https-only` and
#     `OriginSSLProtocols: [TLSv1.2]` (CDK: `protocolPolicy:
#     cloudfront.OriginProtocolPolicy.HTTPS_ONLY` on `origins.HttpOrigin`); for S3
#     content use a REST (not website) origin with origin access control
#     (`origins.S3BucketOrigin.withOriginAccessControl(bucket)`).
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-13]
#   aliases:
#     cdk_nag: [AwsSolutions-CFR5]
package regent.aws.cloudfront.origin_protocol_https

import rego.v1

import data.regent.cfn

weak_protocols := {"SSLv3", "TLSv1", "TLSv1.1"}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	some i, origin in r.Properties.DistributionConfig.Origins
	policy := origin.CustomOriginConfig.OriginProtocolPolicy
	policy in {"http-only", "match-viewer"}
	result := {
		"msg": sprintf("%s: CloudFront origin %v is fetched over plain HTTP (OriginProtocolPolicy: %s); expected https-only", [id, object.get(origin, "Id", i), policy]),
		"resource": id,
		"path": ["Properties", "DistributionConfig", "Origins", i, "CustomOriginConfig", "OriginProtocolPolicy"],
	}
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	some i, origin in r.Properties.DistributionConfig.Origins
	weak := [p | some p in origin.CustomOriginConfig.OriginSSLProtocols; p in weak_protocols]
	count(weak) > 0
	result := {
		"msg": sprintf("%s: CloudFront origin %v allows outdated protocols %s; expected OriginSSLProtocols: [TLSv1.2]", [id, object.get(origin, "Id", i), concat(", ", weak)]),
		"resource": id,
		"path": ["Properties", "DistributionConfig", "Origins", i, "CustomOriginConfig", "OriginSSLProtocols"],
	}
}
