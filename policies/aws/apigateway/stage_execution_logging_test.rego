package regent.aws.apigateway.stage_execution_logging_test

import rego.v1

import data.regent.aws.apigateway.stage_execution_logging
import data.regent.cfn

tpl(resources) := {"Resources": resources}

stage(props) := {"Type": "AWS::ApiGateway::Stage", "Properties": props}

catch_all(level) := {"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": level, "DataTraceEnabled": false}

test_stage_without_method_settings_is_denied if {
	some r in stage_execution_logging.deny with input as tpl({"S": stage({"StageName": "prod"})})
	r.resource == "S"
	r.path == ["Properties", "MethodSettings"]
	contains(r.msg, "does not enable execution logging")
}

test_info_logging_for_all_methods_passes if {
	count(stage_execution_logging.deny) == 0 with input as tpl({"S": stage({"MethodSettings": [catch_all("INFO")]})})
}

test_error_logging_in_lower_case_passes if {
	count(stage_execution_logging.deny) == 0 with input as tpl({"S": stage({"MethodSettings": [catch_all("error")]})})
}

test_logging_off_is_denied_on_the_setting if {
	some r in stage_execution_logging.deny with input as tpl({"S": stage({"MethodSettings": [{"HttpMethod": "GET", "ResourcePath": "/a", "LoggingLevel": "INFO"}, catch_all("OFF")]})})
	r.path == ["Properties", "MethodSettings", 1, "LoggingLevel"]
}

test_logging_for_one_method_only_is_denied if {
	some r in stage_execution_logging.deny with input as tpl({"S": stage({"MethodSettings": [{"HttpMethod": "GET", "ResourcePath": "/~1payments", "LoggingLevel": "INFO"}]})})
	r.resource == "S"
}

test_deployment_stage_description_logging_level_passes if {
	count(stage_execution_logging.deny) == 0 with input as tpl({"D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "abc", "StageName": "prod", "StageDescription": {"LoggingLevel": "ERROR"}}}})
}

if_tpl := {
	"Parameters": {"Verbose": {"Type": "String", "AllowedValues": ["yes", "no"]}},
	"Conditions": {"IsVerbose": {"Fn::Equals": [{"Ref": "Verbose"}, "yes"]}},
	"Resources": {"S": stage({"MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": {"Fn::If": ["IsVerbose", "INFO", "OFF"]}}]})},
}

test_branch_with_logging_off_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsVerbose == false
	some r in stage_execution_logging.deny with input as v.template
	r.resource == "S"
}

test_branch_with_logging_on_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsVerbose == true
	count(stage_execution_logging.deny) == 0 with input as v.template
}

test_parameter_default_off_is_denied if {
	t := {
		"Parameters": {"Level": {"Type": "String", "Default": "OFF"}},
		"Resources": {"S": stage({"MethodSettings": [catch_all({"Ref": "Level"})]})},
	}
	some v in cfn.variants(t)
	some r in stage_execution_logging.deny with input as v.template
	r.resource == "S"
}

test_cdk_stage_with_logging_passes if {
	count(stage_execution_logging.deny) == 0 with input as tpl({"PaymentsApiDeploymentStageprod70D57E57": {
		"Type": "AWS::ApiGateway::Stage",
		"Properties": {
			"RestApiId": {"Ref": "PaymentsApi277984FF"},
			"DeploymentId": {"Ref": "PaymentsApiDeployment5E6F7A8B"},
			"StageName": "prod",
			"MethodSettings": [{"HttpMethod": "*", "ResourcePath": "/*", "LoggingLevel": "INFO", "DataTraceEnabled": false, "MetricsEnabled": true}],
		},
		"Metadata": {"aws:cdk:path": "app/PaymentsApi/DeploymentStage.prod/Resource"},
	}})
}
