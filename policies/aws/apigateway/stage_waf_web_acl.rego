# METADATA
# title: API Gateway REST API stages should be protected by AWS WAF
# description: >-
#   A REST API stage without a WAF web ACL passes every request to the
#   integrations: there is no managed protection against common exploits
#   (SQL injection, XSS, known bad inputs), no IP-based rate limiting beyond
#   throttling, and no quick way to block abusive clients during an
#   incident.
# custom:
#   id: APIGW.005
#   severity: medium
#   resource_types: [AWS::ApiGateway::Stage, AWS::ApiGateway::Deployment]
#   threats: [T14]
#   mitigations: [M14]
#   frameworks:
#     nist-800-53: [SC-7, SI-3, SI-4]
#     soc2: [CC6.6]
#     pci-dss-4.0: ["6.4.2"]
#   remediation: |-
#     Create an `AWS::WAFv2::WebACL` with `Scope: REGIONAL` and an
#     `AWS::WAFv2::WebACLAssociation` whose `ResourceArn` is the stage ARN (`a
#     rn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/stages/${St
#     ageName}`).
#     ```ts
#     new wafv2.CfnWebACLAssociation(this, 'ApiWaf', {
#       resourceArn: api.deploymentStage.stageArn,
#       webAclArn: webAcl.attrArn,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-APIG3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.apigateway.stage_waf_web_acl

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, stage in aws_web.rest_api_stages
	not private_api(stage)
	not protected(id, stage)
	result := {
		"msg": sprintf("API Gateway stage %s has no AWS WAF web ACL associated (no AWS::WAFv2::WebACLAssociation refers to it)", [id]),
		"resource": id,
		"path": stage.base,
	}
}

protected(id, _) if aws_web.waf_associated(id)

# An association built from the API's id and the literal stage name.
protected(_, stage) if {
	api := aws_web.ref_id(stage.api)
	is_string(stage.name)
	some arn in aws_web.waf_resource_arns
	aws_web.mentions(arn, api)
	endswith(aws_web.text(arn), sprintf("/stages/%s", [stage.name]))
}

# Private APIs are only reachable through interface VPC endpoints.
private_api(stage) if {
	api := input.Resources[aws_web.ref_id(stage.api)]
	types := cfn.property(api, ["EndpointConfiguration", "Types"], [])
	is_array(types)
	count(types) > 0
	every t in types {
		t == "PRIVATE"
	}
}
