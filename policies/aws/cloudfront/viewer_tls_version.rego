# METADATA
# title: CloudFront distributions accept only modern TLS 1.2+ from viewers
# description: >-
#   The default `*.cloudfront.net` certificate, or a custom certificate with
#   a security policy below TLSv1.2_2021, lets viewers negotiate TLS 1.0/1.1
#   or CBC-mode and SHA-1 cipher suites that are deprecated and fail PCI DSS;
#   the default certificate also cannot carry the application's own domain.
# custom:
#   id: CLOUDFRONT.003
#   severity: medium
#   resource_types: [AWS::CloudFront::Distribution]
#   threats: [T02, T11]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-13, SC-23]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Serve the distribution's own domain with an ACM certificate (SNI) and the security
#     policy `TLSv1.2_2021` or later.
#     ```ts
#     new cloudfront.Distribution(this, 'Distribution', {
#       defaultBehavior: { origin },
#       domainNames: ['www.online.example-bank.com'],
#       certificate,
#       minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
#       sslSupportMethod: cloudfront.SSLMethod.SNI,
#     });
#     ```
#   aliases:
#     cfn_nag: [W70]
#     checkov: [CKV_AWS_174]
#     cdk_nag: [AwsSolutions-CFR4]
#     control_tower: [CT.CLOUDFRONT.PR.6, CT.CLOUDFRONT.PR.9]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudfront.viewer_tls_version

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# TLSv1.3 policies, and TLSv1.2 policies from TLSv1.2_2021 on (the earlier
# _2018 and _2019 ones still allow CBC and SHA-1 cipher suites).
modern(version) if regex.match(`^TLSv1\.3_[0-9]{4}$`, version)

modern(version) if {
	m := regex.find_all_string_submatch_n(`^TLSv1\.2_([0-9]{4})$`, version, 1)
	to_number(m[0][1]) >= 2021
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	config := cfn.property(r, ["DistributionConfig"], {})
	is_object(config)
	not cfn.is_intrinsic(object.get(config, "ViewerCertificate", {}))
	[what, path] := finding(config)
	result := {
		"msg": sprintf("%s: CloudFront distribution %s; expected an ACM certificate with MinimumProtocolVersion TLSv1.2_2021 or later", [id, what]),
		"resource": id,
		"path": array.concat(["Properties", "DistributionConfig"], path),
	}
}

finding(config) := ["uses the default *.cloudfront.net certificate (no ViewerCertificate), which allows TLSv1", []] if {
	object.get(config, "ViewerCertificate", null) == null
} else := ["uses the default *.cloudfront.net certificate, which allows TLSv1", ["ViewerCertificate", "CloudFrontDefaultCertificate"]] if {
	aws_web.is_true(object.get(config, ["ViewerCertificate", "CloudFrontDefaultCertificate"], false))
} else := [sprintf("allows viewer TLS security policy %v, older than TLSv1.2_2021", [version]), ["ViewerCertificate", "MinimumProtocolVersion"]] if {
	is_object(config.ViewerCertificate)
	version := object.get(config.ViewerCertificate, "MinimumProtocolVersion", "TLSv1")
	is_string(version)
	not modern(version)
}
