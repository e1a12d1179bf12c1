# METADATA
# title: API Gateway custom domains must require TLS 1.2 or later
# description: >-
#   The custom domain's security policy sets the TLS versions and ciphers
#   clients may negotiate.  `TLS_1_0` accepts TLS 1.0 and 1.1, deprecated
#   protocol versions (RFC 8996) with weak CBC/SHA-1 cipher suites that
#   expose API traffic to downgrade and decryption attacks.
# custom:
#   id: APIGW.006
#   severity: high
#   resource_types: [AWS::ApiGateway::DomainName, AWS::ApiGateway::DomainNameV2, AWS::ApiGatewayV2::DomainName]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-13, SC-23]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Set `SecurityPolicy: TLS_1_2` (or a `SecurityPolicy_TLS13_*` enhanced
#     policy) on `AWS::ApiGateway::DomainName` and in every
#     `DomainNameConfigurations` entry of `AWS::ApiGatewayV2::DomainName`.
#     ```ts
#     new apigw.DomainName(this, 'ApiDomain', {
#       domainName: 'api.example.com',
#       certificate,
#       securityPolicy: apigw.SecurityPolicy.TLS_1_2,
#     });
#     ```
#   aliases:
#     control_tower: [CT.APIGATEWAY.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.domain_tls_policy

import rego.v1

import data.regent.aws_web
import data.regent.cfn

_rest_domain_types := {"AWS::ApiGateway::DomainName", "AWS::ApiGateway::DomainNameV2"}

deny contains result if {
	some id, domain in input.Resources
	domain.Type in _rest_domain_types
	some policy in aws_web.values(cfn.property(domain, ["SecurityPolicy"], null))
	aws_web.known(policy)
	not modern(policy)
	result := {
		"msg": sprintf("API Gateway custom domain %s %s", [id, describe(policy)]),
		"resource": id,
		"path": ["Properties", "SecurityPolicy"],
	}
}

deny contains result if {
	some id, domain in cfn.resources("AWS::ApiGatewayV2::DomainName")
	some i, config in cfn.as_array(cfn.property(domain, ["DomainNameConfigurations"], []))
	some policy in aws_web.values(object.get(config, "SecurityPolicy", null))
	is_string(policy)
	not modern(policy)
	result := {
		"msg": sprintf("API Gateway custom domain %s %s", [id, describe(policy)]),
		"resource": id,
		"path": ["Properties", "DomainNameConfigurations", i, "SecurityPolicy"],
	}
}

modern(policy) if {
	is_string(policy)
	upper(policy) == "TLS_1_2"
}

modern(policy) if {
	is_string(policy)
	regex.match(`^SecurityPolicy_TLS1(2|3)`, policy)
}

describe(policy) := "sets no SecurityPolicy, so it may accept TLS 1.0 and 1.1 (the REST API default for custom domains)" if policy == null

describe(policy) := sprintf("accepts TLS versions older than 1.2 (SecurityPolicy: %v)", [policy]) if policy != null
