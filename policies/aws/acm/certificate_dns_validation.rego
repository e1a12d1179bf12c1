# METADATA
# title: Public ACM certificates should be validated through DNS
# description: >-
#   Email validation sends the approval link to the domain's WHOIS contacts
#   and to admin@, administrator@, hostmaster@, postmaster@ and webmaster@
#   addresses: whoever controls one of those mailboxes (a former employee, a
#   compromised account, a mail provider) can approve a certificate for the
#   bank's domain, and every renewal needs a person to click the link again,
#   so certificates expire and services fail when nobody does.  DNS
#   validation is tied to the hosted zone and lets ACM renew automatically.
#   CloudFormation and the CDK use email validation unless told otherwise.
# custom:
#   id: ACM.002
#   severity: medium
#   resource_types: [AWS::CertificateManager::Certificate]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-17, SC-12]
#   remediation: |-
#     Set `ValidationMethod: DNS` (with `DomainValidationOptions` naming the hosted
#     zone, so CloudFormation creates the validation records).
#     ```ts
#     new acm.Certificate(this, 'ApiCertificate', {
#       domainName: 'api.payments.example-bank.com',
#       validation: acm.CertificateValidation.fromDns(zone),
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.acm.certificate_dns_validation

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, cert in cfn.resources("AWS::CertificateManager::Certificate")
	not private(cert)
	some method in aws_web.values(cfn.property(cert, ["ValidationMethod"], null))
	email(method)
	result := {
		"msg": sprintf("Certificate %s %s", [id, describe(method)]),
		"resource": id,
		"path": ["Properties", "ValidationMethod"],
	}
}

# Certificates issued by a private CA need no domain validation.
private(cert) if {
	every ca in aws_web.values(cfn.property(cert, ["CertificateAuthorityArn"], null)) {
		ca != null
	}
}

email(method) if method == null

email(method) if {
	is_string(method)
	upper(method) == "EMAIL"
}

describe(method) := "sets no ValidationMethod, so it is validated by email (the default)" if method == null

describe(method) := "is validated by email (ValidationMethod: EMAIL)" if method != null
