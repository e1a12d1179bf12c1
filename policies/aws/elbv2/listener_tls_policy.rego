# METADATA
# title: Load balancer TLS listeners must use a TLS 1.2+ security policy
# description: >-
#   The listener's SslPolicy sets the TLS protocol versions and ciphers the
#   load balancer negotiates.  Older policies (including
#   ELBSecurityPolicy-2016-08, the historical API default used when SslPolicy
#   is omitted) accept TLS 1.0 and 1.1 and CBC/SHA-1 cipher suites, which are
#   deprecated (RFC 8996) and exposed to downgrade and padding-oracle attacks.
# custom:
#   id: ELB.002
#   severity: medium
#   remediation: >-
#     Set `SslPolicy` on HTTPS and TLS listeners to a TLS 1.2-minimum policy
#     such as `ELBSecurityPolicy-TLS13-1-2-2021-06` (CDK: `sslPolicy:
#     elbv2.SslPolicy.RECOMMENDED_TLS` or `TLS13_RES`).
#   frameworks:
#     nist-800-53: [SC-8, SC-13, SC-23]
#   aliases:
#     checkov: [CKV_AWS_103]
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

# Policies whose minimum protocol is TLS 1.2 or 1.3.
modern(policy) if {
	is_string(policy)
	regex.match(`(TLS13-1-[23]|TLS-1-2|FS-1-2)`, policy)
}

describe(policy) := "sets no SslPolicy, so it gets the default policy, which may accept TLS 1.0 and 1.1" if policy == null

describe(policy) := sprintf("uses security policy %v, which accepts TLS versions older than 1.2", [policy]) if policy != null
