# METADATA
# title: Application Load Balancers should drop invalid HTTP header fields
# description: >-
#   By default an ALB forwards header fields whose names are not valid HTTP
#   tokens.  Targets and frameworks that normalise such names differently
#   from the load balancer can be tricked into request smuggling or header
#   injection (for example a spoofed identity or forwarding header).
# custom:
#   id: ELB.004
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SI-10, SC-7]
#   remediation: |-
#     Set the load balancer attribute `routing.http.drop_invalid_header_fields.enabled`
#     to `"true"`.
#     ```ts
#     new elbv2.ApplicationLoadBalancer(this, 'Alb', {
#       vpc,
#       internetFacing: true,
#       dropInvalidHeaderFields: true,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_131]
#     control_tower: [CT.ELASTICLOADBALANCING.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.alb_drop_invalid_headers

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	aws_web.application_lb(lb)
	some [path, value] in aws_web.lb_attribute(lb, "routing.http.drop_invalid_header_fields.enabled")
	aws_web.known(value)
	not aws_web.is_true(value)
	result := {
		"msg": sprintf("Application Load Balancer %s forwards HTTP header fields with invalid names (routing.http.drop_invalid_header_fields.enabled is %s)", [id, shown(value)]),
		"resource": id,
		"path": path,
	}
}

shown(value) := "not set" if value == null

shown(value) := sprintf("%v", [value]) if value != null
