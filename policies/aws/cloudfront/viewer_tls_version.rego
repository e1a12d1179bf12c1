# METADATA
# title: CloudFront distributions accept only TLS 1.2 or later from viewers
# description: >-
#   The default `*.cloudfront.net` certificate, or a custom certificate with
#   a minimum protocol below TLSv1.2, lets viewers negotiate TLS 1.0/1.1
#   (and weak ciphers) that are deprecated and fail PCI DSS; the default
#   certificate also cannot carry the application's own domain.
# custom:
#   id: CLOUDFRONT.003
#   severity: medium
#   remediation: >-
#     Use an ACM certificate with `ViewerCertificate: {AcmCertificateArn,
#     SslSupportMethod: sni-only, MinimumProtocolVersion: TLSv1.2_2021}` (CDK:
#     `certificate`, `domainNames` and `minimumProtocolVersion:
#     cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021`).
#   frameworks:
#     nist-800-53: [SC-8, SC-13]
#   aliases:
#     cfn_nag: [W70]
#     checkov: [CKV_AWS_174]
#     cdk_nag: [AwsSolutions-CFR4]
package regent.aws.cloudfront.viewer_tls_version

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

modern(version) if regex.match(`^TLSv1\.[23]_`, version)

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	not cfn.is_intrinsic(object.get(r.Properties.DistributionConfig, "ViewerCertificate", {}))
	[what, path] := finding(r.Properties.DistributionConfig)
	result := {
		"msg": sprintf("%s: CloudFront distribution %s; expected an ACM certificate with MinimumProtocolVersion TLSv1.2_2021", [id, what]),
		"resource": id,
		"path": array.concat(["Properties", "DistributionConfig"], path),
	}
}

finding(config) := ["uses the default *.cloudfront.net certificate (no ViewerCertificate), which allows TLSv1", []] if {
	not config.ViewerCertificate
} else := ["uses the default *.cloudfront.net certificate, which allows TLSv1", ["ViewerCertificate", "CloudFrontDefaultCertificate"]] if {
	aws_iam.is_true(config.ViewerCertificate.CloudFrontDefaultCertificate)
} else := [sprintf("allows viewer protocols below TLS 1.2 (MinimumProtocolVersion %v)", [version]), ["ViewerCertificate", "MinimumProtocolVersion"]] if {
	is_object(config.ViewerCertificate)
	version := object.get(config.ViewerCertificate, "MinimumProtocolVersion", "TLSv1")
	is_string(version)
	not modern(version)
}
