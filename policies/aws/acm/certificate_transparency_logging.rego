# METADATA
# title: ACM certificates should be logged to Certificate Transparency
# description: >-
#   Certificate Transparency logs let domain owners and browsers detect
#   certificates issued for a domain by mistake or by an attacker.  Opting a
#   certificate out (`CertificateTransparencyLoggingPreference: DISABLED`)
#   hides it from that monitoring, and browsers such as Chrome and Safari
#   reject publicly trusted certificates that are not CT-logged.
# custom:
#   id: ACM.001
#   severity: low
#   resource_types: [AWS::CertificateManager::Certificate]
#   threats: [T02, T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [SC-17, SI-4]
#   remediation: |-
#     Remove `CertificateTransparencyLoggingPreference` or set it to `ENABLED`.
#     ```ts
#     new acm.Certificate(this, 'ApiCertificate', {
#       domainName: 'api.payments.example-bank.com',
#       validation: acm.CertificateValidation.fromDns(zone),
#       transparencyLoggingEnabled: true,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.acm.certificate_transparency_logging

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, cert in cfn.resources("AWS::CertificateManager::Certificate")
	aws_web.may_equal(cfn.property(cert, ["CertificateTransparencyLoggingPreference"], null), "DISABLED")
	result := {
		"msg": sprintf("Certificate %s opts out of Certificate Transparency logging", [id]),
		"resource": id,
		"path": ["Properties", "CertificateTransparencyLoggingPreference"],
	}
}
