# METADATA
# title: Load balancers should have deletion protection enabled
# description: >-
#   Without deletion protection a stack update that replaces the resource, a
#   mistaken `cdk destroy` or a compromised principal with
#   elasticloadbalancing:DeleteLoadBalancer can take the application's entry
#   point (and its DNS name) offline at once.
# custom:
#   id: ELB.005
#   severity: low
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   threats: [T09]
#   mitigations: [M09]
#   frameworks:
#     nist-800-53: [CP-10, CM-3]
#   remediation: |-
#     Set the load balancer attribute `deletion_protection.enabled` to `"true"`.
#     ```ts
#     new elbv2.ApplicationLoadBalancer(this, 'Alb', {
#       vpc,
#       internetFacing: true,
#       deletionProtection: true,
#     });
#     ```
#   aliases:
#     checkov: [CKV_AWS_150]
#     control_tower: [CT.ELASTICLOADBALANCING.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.lb_deletion_protection

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	some [path, value] in aws_web.lb_attribute(lb, "deletion_protection.enabled")
	aws_web.known(value)
	not aws_web.is_true(value)
	result := {
		"msg": sprintf("Load balancer %s has no deletion protection (deletion_protection.enabled is %s)", [id, shown(value)]),
		"resource": id,
		"path": path,
	}
}

shown(value) := "not set" if value == null

shown(value) := sprintf("%v", [value]) if value != null
