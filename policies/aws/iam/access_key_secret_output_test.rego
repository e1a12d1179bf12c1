package regent.aws.iam.access_key_secret_output_test

import rego.v1

import data.regent.aws.iam.access_key_secret_output
import data.regent.cfn

with_output(value) := {
	"Resources": {"K": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci"}}},
	"Outputs": {"Secret": {"Value": value}},
}

test_secret_output_is_denied if {
	some r in access_key_secret_output.deny with input as with_output({"Fn::GetAtt": ["K", "SecretAccessKey"]})
	r.path == ["Outputs", "Secret", "Value"]
	not r.resource
	contains(r.msg, "Outputs.Secret")
}

test_dotted_getatt_is_denied if {
	some r in access_key_secret_output.deny with input as with_output({"Fn::GetAtt": "K.SecretAccessKey"})
	contains(r.msg, "K")
}

test_secret_inside_sub_is_denied if {
	some r in access_key_secret_output.deny with input as with_output({"Fn::Sub": "key=${K}, secret=${K.SecretAccessKey}"})
	r.path == ["Outputs", "Secret", "Value"]
}

test_access_key_id_output_passes if {
	count(access_key_secret_output.deny) == 0 with input as with_output({"Ref": "K"})
}

test_other_resource_attribute_passes if {
	t := {"Resources": {"K": {"Type": "AWS::IAM::AccessKey"}, "B": {"Type": "AWS::S3::Bucket"}}, "Outputs": {"Arn": {"Value": {"Fn::GetAtt": ["B", "SecretAccessKey"]}}}}
	count(access_key_secret_output.deny) == 0 with input as t
}

test_cdk_output_is_denied if {
	t := {
		"Resources": {"ReportingUserKeyE50F078D": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "ReportingUser15B67649"}}, "Metadata": {"aws:cdk:path": "stack/ReportingUserKey/Resource"}}},
		"Outputs": {"ReportingUserSecretAccessKey": {"Value": {"Fn::GetAtt": ["ReportingUserKeyE50F078D", "SecretAccessKey"]}}},
	}
	some r in access_key_secret_output.deny with input as t
	r.path == ["Outputs", "ReportingUserSecretAccessKey", "Value"]
}

test_secret_output_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"K": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci"}}},
		"Outputs": {"Secret": {"Value": {"Fn::If": ["IsDev", {"Fn::GetAtt": ["K", "SecretAccessKey"]}, "none"]}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in access_key_secret_output.deny with input as v.template
	r.path == ["Outputs", "Secret", "Value"]
}

test_output_of_parameter_default_passes if {
	t := {
		"Parameters": {"Note": {"Type": "String", "Default": "SecretAccessKey"}},
		"Resources": {"K": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci"}}},
		"Outputs": {"Note": {"Value": {"Ref": "Note"}}},
	}
	some v in cfn.variants(t)
	count(access_key_secret_output.deny) == 0 with input as v.template
}
