package regent.aws.cloudtrail.log_file_validation_test

import rego.v1

import data.regent.aws.cloudtrail.log_file_validation
import data.regent.cfn

tpl(resources) := {"Resources": resources}

trail(props) := {"Type": "AWS::CloudTrail::Trail", "Properties": object.union({"IsLogging": true, "S3BucketName": {"Ref": "Bucket"}}, props)}

test_validation_off_is_denied if {
	some r in log_file_validation.deny with input as tpl({"T": trail({"EnableLogFileValidation": false})})
	r.resource == "T"
	r.path == ["Properties", "EnableLogFileValidation"]
	contains(r.msg, "does not validate log file integrity")
}

test_missing_setting_is_denied_on_properties if {
	some r in log_file_validation.deny with input as tpl({"T": trail({})})
	r.path == ["Properties"]
}

test_trail_without_properties_is_denied if {
	some r in log_file_validation.deny with input as tpl({"T": {"Type": "AWS::CloudTrail::Trail"}})
	r.resource == "T"
}

test_validation_on_passes if {
	count(log_file_validation.deny) == 0 with input as tpl({"T": trail({"EnableLogFileValidation": true})})
}

test_string_booleans_are_understood if {
	count(log_file_validation.deny) == 0 with input as tpl({"T": trail({"EnableLogFileValidation": "true"})})
	some r in log_file_validation.deny with input as tpl({"T": trail({"EnableLogFileValidation": "False"})})
	r.resource == "T"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"T": trail({"EnableLogFileValidation": {"Fn::If": ["IsProd", true, false]}})},
}

test_branch_without_validation_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in log_file_validation.deny with input as v.template
	r.resource == "T"
}

test_branch_with_validation_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(log_file_validation.deny) == 0 with input as v.template
}

test_parameter_default_false_is_denied if {
	t := {"Parameters": {"Validate": {"Type": "String", "Default": "false"}}, "Resources": {"T": trail({"EnableLogFileValidation": {"Ref": "Validate"}})}}
	some v in cfn.variants(t)
	some r in log_file_validation.deny with input as v.template
	r.resource == "T"
}

test_cdk_trail_passes if {
	count(log_file_validation.deny) == 0 with input as tpl({"Trail022F0CF2": {
		"Type": "AWS::CloudTrail::Trail",
		"Properties": {
			"IsLogging": true,
			"S3BucketName": {"Ref": "TrailBucketA831CE63"},
			"EnableLogFileValidation": true,
			"IncludeGlobalServiceEvents": true,
			"IsMultiRegionTrail": true,
			"KMSKeyId": {"Fn::GetAtt": ["TrailKey38EB2549", "Arn"]},
		},
		"DependsOn": ["TrailBucketPolicy1234ABCD"],
		"Metadata": {"aws:cdk:path": "app/Trail/Resource"},
	}})
}
