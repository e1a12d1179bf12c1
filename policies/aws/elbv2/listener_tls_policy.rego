# METADATA
# title: Load balancer TLS listeners must use a TLS 1.2+ security policy
# description: >-
#   The listener's SslPolicy sets the TLS protocol versions and ciphers the
#   load balancer negotiates.  Older policies accept TLS 1.0 and 1.1 and
#   CBC/SHA-1 cipher suites, which are deprecated (RFC 8996) and exposed to
#   downgrade and padding-oracle attacks.  A listener created by
#   CloudFormation or the CDK without an SslPolicy gets
#   ELBSecurityPolicy-2016-08, which is one of them.
# custom:
#   id: ELB.002
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::Listener]
#   threats: [T02, T11]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-13, SC-23]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Set `SslPolicy` on every HTTPS and TLS listener to a policy with TLS 1.2 as the
#     minimum, such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.
#     ```ts
#     alb.addListener('Https', {
#       port: 443,
#       certificates: [certificate],
#       sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
#       defaultTargetGroups: [targetGroup],
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_103]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.listener_tls_policy

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, listener in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	tls_listener(listener)
	some policy in aws_web.values(cfn.property(listener, ["SslPolicy"], null))
	aws_web.known(policy)
	not modern(policy)
	result := {
		"msg": sprintf("Listener %s %s", [id, describe(policy)]),
		"resource": id,
		"path": ["Properties", "SslPolicy"],
	}
}

tls_listener(listener) if aws_web.may_equal(cfn.property(listener, ["Protocol"], null), "HTTPS")

tls_listener(listener) if aws_web.may_equal(cfn.property(listener, ["Protocol"], null), "TLS")

# Predefined policies whose minimum protocol is TLS 1.2 or 1.3:
# ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -TLS-1-2-* and -FS-1-2-*
# (their FIPS, Res, Ext and PQ variants included).  TLS13-1-0/1-1, TLS-1-1,
# FS-1-1, FS-2018-06 and the dated 2015/2016 policies accept TLS 1.0 or 1.1.
modern(policy) if {
	is_string(policy)
	regex.match(`^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-`, policy)
}

describe(policy) := "sets no SslPolicy, so it gets the default ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1" if policy == null

describe(policy) := sprintf("uses security policy %v, which accepts TLS versions older than 1.2", [policy]) if policy != null
