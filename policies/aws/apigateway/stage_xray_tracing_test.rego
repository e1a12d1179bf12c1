package regent.aws.apigateway.stage_xray_tracing_test

import rego.v1

import data.regent.aws.apigateway.stage_xray_tracing
import data.regent.cfn

tpl(resources) := {"Resources": resources}

stage(props) := {"Type": "AWS::ApiGateway::Stage", "Properties": props}

test_stage_without_tracing_is_denied if {
	some r in stage_xray_tracing.deny with input as tpl({"S": stage({"StageName": "prod"})})
	r.resource == "S"
	r.path == ["Properties", "TracingEnabled"]
	contains(r.msg, "X-Ray tracing")
}

test_stage_with_tracing_passes if {
	count(stage_xray_tracing.deny) == 0 with input as tpl({"S": stage({"TracingEnabled": true})})
}

test_string_true_passes_and_string_false_is_denied if {
	count(stage_xray_tracing.deny) == 0 with input as tpl({"S": stage({"TracingEnabled": "true"})})
	some r in stage_xray_tracing.deny with input as tpl({"S": stage({"TracingEnabled": "false"})})
	r.resource == "S"
}

test_deployment_stage_description_is_checked if {
	some r in stage_xray_tracing.deny with input as tpl({"D": {"Type": "AWS::ApiGateway::Deployment", "Properties": {"RestApiId": "abc", "StageName": "v1", "StageDescription": {"TracingEnabled": false}}}})
	r.resource == "D"
	r.path == ["Properties", "StageDescription", "TracingEnabled"]
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"S": stage({"TracingEnabled": {"Fn::If": ["IsProd", true, false]}})},
}

test_branch_without_tracing_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in stage_xray_tracing.deny with input as v.template
	r.resource == "S"
}

test_branch_with_tracing_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(stage_xray_tracing.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Trace": {"Type": "String", "Default": "false"}}, "Resources": {"S": stage({"TracingEnabled": {"Ref": "Trace"}})}}
	some v in cfn.variants(t)
	some r in stage_xray_tracing.deny with input as v.template
	r.resource == "S"
}

test_cdk_stage_with_tracing_passes if {
	count(stage_xray_tracing.deny) == 0 with input as tpl({"PaymentsApiDeploymentStageprod70D57E57": {
		"Type": "AWS::ApiGateway::Stage",
		"Properties": {"RestApiId": {"Ref": "PaymentsApi277984FF"}, "DeploymentId": {"Ref": "PaymentsApiDeployment5E6F7A8B"}, "StageName": "prod", "TracingEnabled": true},
		"Metadata": {"aws:cdk:path": "app/PaymentsApi/DeploymentStage.prod/Resource"},
	}})
}
