package regent.aws.apigateway.stage_access_logging_test

import rego.v1

import data.regent.aws.apigateway.stage_access_logging
import data.regent.cfn

tpl(resources) := {"Resources": resources}

log_group := {"Type": "AWS::Logs::LogGroup", "Properties": {}}

logged := {"DestinationArn": {"Fn::GetAtt": ["Logs", "Arn"]}, "Format": "$context.requestId"}

test_stage_without_access_logging_is_denied if {
	some r in stage_access_logging.deny with input as tpl({"S": {"Type": "AWS::ApiGateway::Stage", "Properties": {"RestApiId": "abc", "StageName": "prod"}}})
	r.resource == "S"
	r.path == ["Properties", "AccessLogSetting"]
	contains(r.msg, "no access logging")
}

test_stage_with_log_destination_passes if {
	count(stage_access_logging.deny) == 0 with input as tpl({
		"Logs": log_group,
		"S": {"Type": "AWS::ApiGateway::Stage", "Properties": {"StageName": "prod", "AccessLogSetting": logged}},
	})
}

test_deployment_stage_description_is_checked if {
	some r in stage_access_logging.deny with input as tpl({"D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "abc", "StageName": "prod", "StageDescription": {"TracingEnabled": true}}}})
	r.resource == "D"
	r.path == ["Properties", "StageDescription", "AccessLogSetting"]
}

test_deployment_without_stage_is_not_a_stage if {
	count(stage_access_logging.deny) == 0 with input as tpl({"D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "abc"}}})
}

test_wrongly_typed_access_log_setting_is_denied if {
	some r in stage_access_logging.deny with input as tpl({"S": {"Type": "AWS::ApiGateway::Stage", "Properties": {"AccessLogSetting": "arn:aws:logs:eu-west-2:111122223333:log-group:api"}}})
	r.resource == "S"
}

test_http_api_stage_without_access_logging_is_denied if {
	some r in stage_access_logging.deny with input as tpl({"V2": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"ApiId": "abc", "StageName": "$default", "AccessLogSettings": {"Format": "$context.requestId"}}}})
	r.resource == "V2"
	r.path == ["Properties", "AccessLogSettings"]
	contains(r.msg, "v2 stage")
}

test_http_api_stage_with_access_logging_passes if {
	count(stage_access_logging.deny) == 0 with input as tpl({"Logs": log_group, "V2": {"Type": "AWS::ApiGatewayV2::Stage", "Properties": {"AccessLogSettings": logged}}})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {
		"Logs": log_group,
		"S": {"Type": "AWS::ApiGateway::Stage", "Properties": {"AccessLogSetting": {"Fn::If": ["IsProd", logged, {"Ref": "AWS::NoValue"}]}}},
	},
}

test_branch_without_access_logging_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in stage_access_logging.deny with input as v.template
	r.resource == "S"
}

test_branch_with_access_logging_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(stage_access_logging.deny) == 0 with input as v.template
}

# The parameter's default decides the condition: no logging by default.
test_parameter_default_without_logging_is_denied if {
	t := json.patch(if_tpl, [{"op": "replace", "path": "/Parameters/Env", "value": {"Type": "String", "Default": "dev"}}])
	some v in cfn.variants(t)
	some r in stage_access_logging.deny with input as v.template
	r.resource == "S"
}

test_cdk_stage_with_access_logging_passes if {
	count(stage_access_logging.deny) == 0 with input as tpl({
		"PaymentsApiAccessLogs1A2B3C4D": {"Type": "AWS::Logs::LogGroup", "Properties": {"RetentionInDays": 365}},
		"PaymentsApiDeployment5E6F7A8B": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": {"Ref": "PaymentsApi277984FF"}}},
		"PaymentsApiDeploymentStageprod70D57E57": {
			"Type": "AWS::ApiGateway::Stage",
			"Properties": {
				"RestApiId": {"Ref": "PaymentsApi277984FF"},
				"DeploymentId": {"Ref": "PaymentsApiDeployment5E6F7A8B"},
				"StageName": "prod",
				"AccessLogSetting": {"DestinationArn": {"Fn::GetAtt": ["PaymentsApiAccessLogs1A2B3C4D", "Arn"]}, "Format": "{\"requestId\":\"$context.requestId\"}"},
			},
			"Metadata": {"aws:cdk:path": "app/PaymentsApi/DeploymentStage.prod/Resource"},
		},
	})
}
