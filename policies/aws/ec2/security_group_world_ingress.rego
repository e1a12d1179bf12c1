# METADATA
# title: Security groups open only ports 80 and 443 to the internet
# description: >-
#   Anything other than HTTP(S) that accepts connections from 0.0.0.0/0 or
#   ::/0 (application ports such as 8080 that bypass the load balancer,
#   management consoles, all-traffic rules) is an unintended entry point
#   that skips the TLS termination, WAF and authentication in front of the
#   service. ICMP rules are not reported.
# custom:
#   id: EC2.002
#   severity: high
#   remediation: >-
#     Restrict the rule's source to known CIDRs or, for traffic from a load
#     balancer, to the load balancer's security group (CDK:
#     `service.connections.allowFrom(alb, ec2.Port.tcp(8080))` instead of
#     `ec2.Peer.anyIpv4()`); open only 443 (and 80 for a redirect) on public
#     load balancers.
#   frameworks:
#     nist-800-53: [SC-7, AC-4, CM-7]
#   aliases:
#     cfn_nag: [W2]
#     cdk_nag: [AwsSolutions-EC23]
package regent.aws.ec2.security_group_world_ingress

import rego.v1

import data.regent.aws_net

web_ports := {80, 443}

icmp_protocols := {"icmp", "icmpv6", "1", "58"}

only_web(rule) if {
	[from, to] := aws_net.port_range(rule)
	from == to
	from in web_ports
}

deny contains result if {
	some [id, path, rule, group] in aws_net.ingress_rules
	aws_net.world_open(rule)
	not lower(sprintf("%v", [rule.IpProtocol])) in icmp_protocols
	not only_web(rule)
	result := {
		"msg": sprintf("%s: security group%s allows %s from %s; expected internet-wide ingress only on ports 80/443", [id, aws_net.group_text(id, group), what(rule), aws_net.source_text(rule)]),
		"resource": id,
		"path": path,
	}
}

what(rule) := "all traffic" if {
	lower(sprintf("%v", [rule.IpProtocol])) in aws_net.all_protocols
} else := sprintf("%v port(s) %s", [rule.IpProtocol, aws_net.port_text(rule)])
