# METADATA
# title: Internet-facing Application Load Balancers should be protected by AWS WAF
# description: >-
#   An internet-facing ALB without a WAF web ACL passes every request to the
#   application: there is no managed protection against common exploits
#   (SQL injection, XSS, known bad inputs), no rate limiting and no place to
#   block abusive clients quickly during an incident.
# custom:
#   id: ELB.007
#   severity: medium
#   resource_types: [AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::WAFv2::WebACLAssociation, AWS::WAFRegional::WebACLAssociation]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SC-7, SI-3, SI-4]
#     soc2: [CC6.6]
#     pci-dss-4.0: ["6.4.2"]
#   remediation: |-
#     Associate a regional WAFv2 web ACL (for example the AWS managed common and
#     known-bad-inputs rule groups plus a rate-based rule) with the load balancer.
#     ```ts
#     new wafv2.CfnWebACLAssociation(this, 'AlbWaf', {
#       resourceArn: alb.loadBalancerArn,
#       webAclArn: webAcl.attrArn,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elbv2.alb_waf_web_acl

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	aws_web.application_lb(lb)
	aws_web.internet_facing(lb)
	not aws_web.waf_associated(id)
	result := {
		"msg": sprintf("Internet-facing Application Load Balancer %s has no AWS WAF web ACL associated (no AWS::WAFv2::WebACLAssociation refers to it)", [id]),
		"resource": id,
		"path": ["Properties", "Scheme"],
	}
}
