# METADATA
# title: Load balancer target groups must use TLS to reach their targets
# description: >-
#   A target group with `Protocol: HTTP` makes the load balancer send every
#   request, with its credentials, session cookies and payload, to the
#   targets in clear, and a TCP target group behind a TLS listener re-sends
#   traffic the listener has just decrypted.  Anyone who can observe or
#   tamper with traffic inside the VPC (a compromised host, a mirrored
#   interface, a misrouted subnet) can read or alter it, and the targets
#   cannot tell the load balancer from an impostor.
# custom:
#   id: ELB.008
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::TargetGroup, AWS::ElasticLoadBalancingV2::Listener, AWS::ElasticLoadBalancingV2::ListenerRule]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1)]
#     soc2: [CC6.7]
#   remediation: |-
#     Terminate TLS in the targets too: use `Protocol: HTTPS` (and `HealthCheckProtocol:
#     HTTPS`) for ALB target groups, and `TLS` for NLB target groups behind TLS listeners.
#     ```ts
#     new elbv2.ApplicationTargetGroup(this, 'ApiGroup', {
#       vpc,
#       port: 8443,
#       protocol: elbv2.ApplicationProtocol.HTTPS,
#       targetType: elbv2.TargetType.IP,
#       healthCheck: { path: '/actuator/health', protocol: elbv2.Protocol.HTTPS },
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.target_group_tls

import rego.v1

import data.regent.aws_web
import data.regent.cfn

_target_group := "AWS::ElasticLoadBalancingV2::TargetGroup"

# HTTP to the targets is always clear text.
deny contains result if {
	some id, tg in cfn.resources(_target_group)
	some protocol in aws_web.values(cfn.property(tg, ["Protocol"], null))
	upper_string(protocol) == "HTTP"
	result := {
		"msg": sprintf("Target group %s sends requests to its targets over plain HTTP%s; use HTTPS", [id, port(tg)]),
		"resource": id,
		"path": ["Properties", "Protocol"],
	}
}

# TCP or UDP behind a TLS listener: the listener decrypts, the target group
# forwards in clear.
deny contains result if {
	some id, tg in cfn.resources(_target_group)
	some protocol in aws_web.values(cfn.property(tg, ["Protocol"], null))
	upper_string(protocol) in {"TCP", "UDP", "TCP_UDP"}
	some listener in tls_listeners_forwarding_to(id)
	result := {
		"msg": sprintf("Target group %s (Protocol %s) receives traffic that TLS listener %s has decrypted and forwards it to the targets in clear; use TLS", [id, protocol, listener]),
		"resource": id,
		"path": ["Properties", "Protocol"],
	}
}

upper_string(s) := upper(s) if is_string(s)

port(tg) := sprintf(" on port %v", [p]) if {
	p := cfn.property(tg, ["Port"], null)
	p != null
	not cfn.is_intrinsic(p)
} else := ""

# Logical ids of TLS listeners whose default actions or rules forward to
# target group tg.
tls_listeners_forwarding_to(tg) := {lid |
	some lid, listener in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	aws_web.may_equal(cfn.property(listener, ["Protocol"], null), "TLS")
	forwards_to(listener, lid, tg)
}

forwards_to(listener, _, tg) if aws_web.mentions(cfn.property(listener, ["DefaultActions"], []), tg)

forwards_to(_, lid, tg) if {
	some rule in cfn.resources("AWS::ElasticLoadBalancingV2::ListenerRule")
	aws_web.ref_id(cfn.property(rule, ["ListenerArn"], null)) == lid
	aws_web.mentions(cfn.property(rule, ["Actions"], []), tg)
}
