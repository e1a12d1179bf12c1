# METADATA
# title: Application Load Balancers must not use the monitor desync mitigation mode
# description: >-
#   HTTP desync (request smuggling) attacks exploit disagreements between the
#   load balancer and the targets on where a request ends.  In `monitor`
#   mode the ALB forwards ambiguous and severely malformed requests
#   unchanged; `defensive` (the default) or `strictest` block them.
# custom:
#   id: ELB.006
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SI-10, SC-7]
#   remediation: |-
#     Set the load balancer attribute `routing.http.desync_mitigation_mode` to
#     `defensive` or `strictest`, or remove it.
#     ```ts
#     new elbv2.ApplicationLoadBalancer(this, 'Alb', {
#       vpc,
#       internetFacing: true,
#       desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
#     });
#     ```
#   aliases:
#     control_tower: [CT.ELASTICLOADBALANCING.PR.3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.alb_desync_mitigation

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	aws_web.application_lb(lb)
	some [path, value] in aws_web.lb_attribute(lb, "routing.http.desync_mitigation_mode")
	is_string(value)
	lower(value) == "monitor"
	result := {
		"msg": sprintf("Application Load Balancer %s only monitors HTTP desync (request smuggling) attempts instead of blocking them (routing.http.desync_mitigation_mode: monitor)", [id]),
		"resource": id,
		"path": path,
	}
}
