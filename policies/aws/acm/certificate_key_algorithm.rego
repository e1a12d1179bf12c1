# METADATA
# title: ACM certificates must use a key of at least 2048-bit RSA or an ECDSA P-256 curve
# description: >-
#   A certificate's key algorithm bounds the strength of every TLS session
#   that authenticates with it.  1024-bit RSA keys are below every current
#   minimum (NIST SP 800-57, the CA/Browser Forum baseline requirements,
#   PCI DSS strong cryptography) and are within reach of well-funded
#   attackers, who could then impersonate the service.
# custom:
#   id: ACM.003
#   severity: high
#   resource_types: [AWS::CertificateManager::Certificate]
#   threats: [T02, T11]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-12, SC-13, SC-17]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Use `KeyAlgorithm: EC_prime256v1` (or `EC_secp384r1`, `RSA_2048` and stronger) and
#     re-issue the certificate.
#     ```ts
#     new acm.Certificate(this, 'ApiCertificate', {
#       domainName: 'api.payments.example-bank.com',
#       validation: acm.CertificateValidation.fromDns(zone),
#       keyAlgorithm: acm.KeyAlgorithm.EC_PRIME256V1,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.acm.certificate_key_algorithm

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# The key algorithms ACM accepts; a missing KeyAlgorithm means RSA_2048.
strong := {"RSA_2048", "RSA_3072", "RSA_4096", "EC_PRIME256V1", "EC_SECP384R1", "EC_SECP521R1"}

deny contains result if {
	some id, cert in cfn.resources("AWS::CertificateManager::Certificate")
	some algorithm in aws_web.values(cfn.property(cert, ["KeyAlgorithm"], null))
	algorithm != null
	aws_web.known(algorithm)
	not upper_in(algorithm, strong)
	result := {
		"msg": sprintf("Certificate %s uses key algorithm %v, weaker than RSA 2048-bit or ECDSA P-256", [id, algorithm]),
		"resource": id,
		"path": ["Properties", "KeyAlgorithm"],
	}
}

upper_in(s, set) if {
	is_string(s)
	upper(s) in set
}
