package regent.aws.apigateway.stage_waf_web_acl_test

import rego.v1

import data.regent.aws.apigateway.stage_waf_web_acl
import data.regent.cfn

tpl(resources) := {"Resources": resources}

api := {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "payments"}}

stage := {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "prod"}}

acl := {"Type": "AWS::WAFv2::WebACL", "Properties": {"Scope": "REGIONAL"}}

association(arn) := {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {"ResourceArn": arn, "WebACLArn": {"Fn::GetAtt": ["Acl", "Arn"]}}}

stage_arn := {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"}, "::/restapis/", {"Ref": "Api"}, "/stages/", {"Ref": "S"}]]}

test_stage_without_web_acl_is_denied if {
	some r in stage_waf_web_acl.deny with input as tpl({"Api": api, "S": stage})
	r.resource == "S"
	r.path == ["Properties"]
	contains(r.msg, "no AWS WAF web ACL")
}

test_stage_with_association_passes if {
	count(stage_waf_web_acl.deny) == 0 with input as tpl({"Api": api, "S": stage, "Acl": acl, "Assoc": association(stage_arn)})
}

test_association_with_literal_stage_name_passes if {
	arn := {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod"}
	count(stage_waf_web_acl.deny) == 0 with input as tpl({"Api": api, "S": stage, "Acl": acl, "Assoc": association(arn)})
}

test_association_with_another_stage_name_is_denied if {
	arn := {"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/test"}
	some r in stage_waf_web_acl.deny with input as tpl({"Api": api, "S": stage, "Acl": acl, "Assoc": association(arn)})
	r.resource == "S"
}

test_private_api_is_exempt if {
	private := {"Type": "AWS::ApiGateway::RestApi", "Properties": {"EndpointConfiguration": {"Types": ["PRIVATE"]}}}
	count(stage_waf_web_acl.deny) == 0 with input as tpl({"Api": private, "S": stage})
}

test_deployment_stage_is_checked if {
	some r in stage_waf_web_acl.deny with input as tpl({"Api": api, "D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": "prod"}}})
	r.resource == "D"
	r.path == ["Properties", "StageDescription"]
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {
		"Api": api, "S": stage, "Acl": acl,
		"Assoc": object.union(association(stage_arn), {"Condition": "IsProd"}),
	},
}

test_branch_without_association_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in stage_waf_web_acl.deny with input as v.template
	r.resource == "S"
}

test_branch_with_association_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(stage_waf_web_acl.deny) == 0 with input as v.template
}

test_parameter_default_stage_name_without_association_is_denied if {
	t := {
		"Parameters": {"StageName": {"Type": "String", "Default": "test"}},
		"Resources": {
			"Api": api, "Acl": acl,
			"S": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": {"Ref": "Api"}, "StageName": {"Ref": "StageName"}}},
			"Assoc": association({"Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/prod"}),
		},
	}
	some v in cfn.variants(t)
	some r in stage_waf_web_acl.deny with input as v.template
	r.resource == "S"
}

test_cdk_stage_with_association_passes if {
	count(stage_waf_web_acl.deny) == 0 with input as tpl({
		"PaymentsApi277984FF": {"Type": "AWS::ApiGateway::RestApi", "Properties": {"Name": "payments-api", "EndpointConfiguration": {"Types": ["REGIONAL"]}}},
		"PaymentsApiDeploymentStageprod70D57E57": {
			"Type": "AWS::ApiGateway::Stage",
			"Properties": {"RestApiId": {"Ref": "PaymentsApi277984FF"}, "StageName": "prod"},
			"Metadata": {"aws:cdk:path": "app/PaymentsApi/DeploymentStage.prod/Resource"},
		},
		"ApiWebAcl": acl,
		"ApiWebAclAssociation": {"Type": "AWS::WAFv2::WebACLAssociation", "Properties": {
			"ResourceArn": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":apigateway:", {"Ref": "AWS::Region"}, "::/restapis/", {"Ref": "PaymentsApi277984FF"}, "/stages/", {"Ref": "PaymentsApiDeploymentStageprod70D57E57"}]]},
			"WebACLArn": {"Fn::GetAtt": ["ApiWebAcl", "Arn"]},
		}},
	})
}
