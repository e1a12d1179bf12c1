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
#   remediation: >-
#     Serve the application on an HTTPS listener (`Protocol: HTTPS`,
#     `Certificates`, `SslPolicy`) and make the HTTP listener's default action
#     `{Type: redirect, RedirectConfig: {Protocol: HTTPS, Port: "443",
#     StatusCode: HTTP_301}}` (CDK: `alb.addListener('Https', {protocol:
#     HTTPS, certificates, ...})` with `alb.addRedirect()`, or
#     `redirectHTTP: true` on the ecs-patterns constructs); until then, do
#     not open the listener's port to 0.0.0.0/0 or ::/0 in the load
#     balancer's security group (CDK: `open: false` on the listener).
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-23]
#   aliases:
#     control_tower: [CT.ELASTICLOADBALANCING.PR.1]
#     checkov: [CKV_AWS_2]
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
