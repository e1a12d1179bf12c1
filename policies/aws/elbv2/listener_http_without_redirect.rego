# METADATA
# title: ALB HTTP listeners must redirect to HTTPS
# description: >-
#   A listener on plain HTTP that forwards requests to targets serves the
#   application unencrypted: credentials, session cookies and payloads can be
#   read and modified by anyone on the network path, and clients are never
#   upgraded to TLS.  Port 80 should only answer with a redirect to HTTPS.
#   The load balancer's security group rules that open such a listener to
#   the whole internet are reported too.
# custom:
#   id: ELB.001
#   severity: high
#   resource_types: [AWS::ElasticLoadBalancingV2::Listener, AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::EC2::SecurityGroup, AWS::EC2::SecurityGroupIngress]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-23]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Serve the application on an HTTPS listener and make the HTTP listener's default
#     action a permanent redirect to HTTPS (or remove it and close port 80).
#     ```ts
#     alb.addListener('Https', {
#       port: 443,
#       certificates: [certificate],
#       sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
#       defaultTargetGroups: [targetGroup],
#     });
#     alb.addRedirect({ sourcePort: 80, targetPort: 443 });
#     ```
#   aliases:
#     checkov: [CKV_AWS_2]
#     control_tower: [CT.ELASTICLOADBALANCING.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.listener_http_without_redirect

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, listener in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	aws_web.may_equal(cfn.property(listener, ["Protocol"], null), "HTTP")
	actions := cfn.property(listener, ["DefaultActions"], [])
	is_array(actions)
	not redirects_to_https(actions)
	result := {
		"msg": sprintf("Listener %s accepts plain HTTP%s and does not redirect to HTTPS (default action: %s)", [id, port(listener), action_types(actions)]),
		"resource": id,
		"path": ["Properties", "DefaultActions"],
	}
}

# The load balancer's security groups that let the whole internet reach the
# plain-HTTP listener's port.
deny contains result if {
	some id, listener in cfn.resources("AWS::ElasticLoadBalancingV2::Listener")
	aws_web.may_equal(cfn.property(listener, ["Protocol"], null), "HTTP")
	actions := cfn.property(listener, ["DefaultActions"], [])
	is_array(actions)
	not redirects_to_https(actions)
	port := to_number(cfn.property(listener, ["Port"], null))
	lb_id := aws_web.ref_id(cfn.property(listener, ["LoadBalancerArn"], null))
	some sg in aws_web.lb_security_groups(input.Resources[lb_id])
	some [rule_id, path] in aws_web.world_ingress_to_port(sg, port)
	result := {
		"msg": sprintf("Security group %s lets the whole internet reach plain-HTTP listener %s of load balancer %s on port %d, which serves the application without TLS", [sg, id, lb_id, port]),
		"resource": rule_id,
		"path": path,
	}
}

redirects_to_https(actions) if {
	some action in actions
	lower(object.get(action, "Type", "")) == "redirect"
	aws_web.may_equal(object.get(action, ["RedirectConfig", "Protocol"], null), "HTTPS")
}

port(listener) := sprintf(" on port %v", [p]) if {
	p := cfn.property(listener, ["Port"], null)
	p != null
	not cfn.is_intrinsic(p)
} else := ""

action_types(actions) := concat(", ", [t | some a in actions; t := object.get(a, "Type", "?")]) if {
	count(actions) > 0
} else := "none"
