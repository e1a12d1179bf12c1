# METADATA
# title: Application Load Balancers should write access logs
# description: >-
#   ALB access logs record every request (client address, TLS protocol and
#   cipher, path, status, target and timings).  Without them there is no
#   record to investigate attacks, abuse or data exfiltration through the
#   public entry point of the application.
# custom:
#   id: ELB.003
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-3, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Turn on access logging (`access_logs.s3.enabled: "true"` with `access_logs.s3.bucket`)
#     to an SSE-S3 encrypted bucket that the ELB log delivery service may write to.
#     ```ts
#     const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
#     alb.logAccessLogs(albLogsBucket, 'alb');
#     ```
#   aliases:
#     checkov: [CKV_AWS_91]
#     control_tower: [CT.ELASTICLOADBALANCING.PR.6]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.alb_access_logs

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	aws_web.application_lb(lb)
	some [path, value] in aws_web.lb_attribute(lb, "access_logs.s3.enabled")
	aws_web.known(value)
	not aws_web.is_true(value)
	result := {
		"msg": sprintf("Application Load Balancer %s does not write access logs (access_logs.s3.enabled is %s)", [id, shown(value)]),
		"resource": id,
		"path": path,
	}
}

shown(value) := "not set" if value == null

shown(value) := sprintf("%v", [value]) if value != null
