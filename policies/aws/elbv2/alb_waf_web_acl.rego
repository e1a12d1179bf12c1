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
#   remediation: >-
#     Create an `AWS::WAFv2::WebACL` with `Scope: REGIONAL` (e.g. the AWS
#     managed common and known-bad-inputs rule groups plus a rate-based rule)
#     and an `AWS::WAFv2::WebACLAssociation` whose `ResourceArn` is the load
#     balancer's ARN (CDK: `new wafv2.CfnWebACLAssociation(this, 'Assoc',
#     {resourceArn: alb.loadBalancerArn, webAclArn: acl.attrArn})`).
#   frameworks:
#     nist-800-53: [SC-7, SI-3, SI-4]
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
