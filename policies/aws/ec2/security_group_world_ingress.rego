# METADATA
# title: Security groups open only ports 80 and 443 of internet-facing load balancers to the internet
# description: >-
#   Ingress from 0.0.0.0/0 or ::/0 is an entry point for anyone on the
#   internet; only an internet-facing load balancer needs it, on HTTP(S).
#   Anything else (application ports that bypass the load balancer, all-
#   traffic rules) skips its TLS termination, WAF and authentication. Ports
#   80/443 pass on groups of internet-facing load balancers and are reported
#   as medium elsewhere; ICMP is not reported.
# custom:
#   id: EC2.002
#   severity: high
#   resource_types: [AWS::EC2::SecurityGroup, AWS::EC2::SecurityGroupIngress, AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::ElasticLoadBalancing::LoadBalancer]
#   threats: [T07, T03]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4, CM-7]
#     soc2: [CC6.6]
#     pci-dss-4.0: ["1.3.1"]
#   remediation: |-
#     Restrict the rule's source to known CIDRs or, for traffic from a load balancer, to the load balancer's security group; open only 443 (and 80 for a redirect) on internet-facing load balancers.
#     ```ts
#     // instead of serviceSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(8080))
#     service.connections.allowFrom(alb, ec2.Port.tcp(8080));
#     albSg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
#     ```
#   aliases:
#     cfn_nag: [W2]
#     cdk_nag: [AwsSolutions-EC23]
#     control_tower: [CT.EC2.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.security_group_world_ingress

import rego.v1

import data.regent.aws_net
import data.regent.cfn

web_ports := {80, 443}

icmp_protocols := {"icmp", "icmpv6", "1", "58"}

lb_types := {"AWS::ElasticLoadBalancingV2::LoadBalancer", "AWS::ElasticLoadBalancing::LoadBalancer"}

only_web(rule) if {
	[from, to] := aws_net.port_range(rule)
	from == to
	from in web_ports
}

# The load balancer's scheme; both load balancer types default to
# internet-facing, and an unresolved intrinsic is given the benefit of the
# doubt.
scheme(lb) := lower(lb.Properties.Scheme) if {
	is_string(lb.Properties.Scheme)
} else := "internet-facing"

# Is security group sg attached to an internet-facing load balancer?
public_lb_group(sg) if {
	some type in lb_types
	some _, lb in cfn.resources(type)
	scheme(lb) == "internet-facing"
	some v in cfn.as_array(object.get(lb, ["Properties", "SecurityGroups"], []))
	cfn.references(v, sg)
}

deny contains result if {
	some [id, path, rule, group] in aws_net.ingress_rules
	aws_net.world_open(rule)
	not lower(sprintf("%v", [rule.IpProtocol])) in icmp_protocols
	not only_web(rule)
	result := {
		"msg": sprintf("%s: security group%s allows %s from %s; expected internet-wide ingress only on ports 80/443 of internet-facing load balancers", [id, aws_net.group_text(id, group), what(rule), aws_net.source_text(rule)]),
		"resource": id,
		"path": path,
	}
}

# HTTP(S) from the internet straight to something that is not an
# internet-facing load balancer.
deny contains result if {
	some [id, path, rule, group] in aws_net.ingress_rules
	aws_net.world_open(rule)
	only_web(rule)
	not public_lb_group(group)
	result := {
		"msg": sprintf("%s: security group%s allows %s from %s but is not attached to an internet-facing load balancer; expected internet-wide ingress only on load balancers", [id, aws_net.group_text(id, group), what(rule), aws_net.source_text(rule)]),
		"resource": id,
		"path": path,
		"severity": "medium",
	}
}

what(rule) := "all traffic" if {
	lower(sprintf("%v", [rule.IpProtocol])) in aws_net.all_protocols
} else := sprintf("%v port(s) %s", [rule.IpProtocol, aws_net.port_text(rule)])
