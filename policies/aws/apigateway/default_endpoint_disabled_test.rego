package regent.aws.apigateway.default_endpoint_disabled_test

import rego.v1

import data.regent.aws.apigateway.default_endpoint_disabled
import data.regent.cfn

api(props) := {"Type": "AWS::ApiGateway::RestApi", "Properties": object.union({"Name": "payments"}, props)}

mapping := {"Type": "AWS::ApiGateway::BasePathMapping", "Properties": {"DomainName": {"Ref": "Domain"}, "RestApiId": {"Ref": "Api"}}}

tpl(api_props) := {"Resources": {"Api": api(api_props), "Mapping": mapping}}

test_mapped_api_with_default_endpoint_is_denied if {
	some r in default_endpoint_disabled.deny with input as tpl({})
	r.resource == "Api"
	r.path == ["Properties", "DisableExecuteApiEndpoint"]
	contains(r.msg, "expected DisableExecuteApiEndpoint: true")
}

test_disabled_endpoint_passes if {
	count(default_endpoint_disabled.deny) == 0 with input as tpl({"DisableExecuteApiEndpoint": true})
}

test_string_true_passes if {
	count(default_endpoint_disabled.deny) == 0 with input as tpl({"DisableExecuteApiEndpoint": "true"})
}

test_explicit_false_is_denied if {
	count(default_endpoint_disabled.deny) == 1 with input as tpl({"DisableExecuteApiEndpoint": "false"})
}

test_api_without_custom_domain_passes if {
	count(default_endpoint_disabled.deny) == 0 with input as {"Resources": {"Api": api({})}}
}

test_mapping_by_get_att_counts if {
	m := {"Type": "AWS::ApiGateway::BasePathMapping", "Properties": {"DomainName": "api.example.com", "RestApiId": {"Fn::GetAtt": ["Api", "RestApiId"]}}}
	count(default_endpoint_disabled.deny) == 1 with input as {"Resources": {"Api": api({}), "M": m}}
}

test_insecure_branch_of_if_is_denied if {
	t := {
		"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
		"Resources": {"Api": api({"DisableExecuteApiEndpoint": {"Fn::If": ["Prod", true, false]}}), "Mapping": mapping},
	}
	some v in cfn.variants(t)
	v.conditions.Prod == false
	count(default_endpoint_disabled.deny) == 1 with input as v.template
}

test_secure_branch_of_if_passes if {
	t := {
		"Conditions": {"Prod": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
		"Resources": {"Api": api({"DisableExecuteApiEndpoint": {"Fn::If": ["Prod", true, false]}}), "Mapping": mapping},
	}
	some v in cfn.variants(t)
	v.conditions.Prod == true
	count(default_endpoint_disabled.deny) == 0 with input as v.template
}
