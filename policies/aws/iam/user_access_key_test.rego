package regent.aws.iam.user_access_key_test

import rego.v1

import data.regent.aws.iam.user_access_key
import data.regent.cfn

key(props) := {"Resources": {"U": {"Type": "AWS::IAM::User"}, "K": {"Type": "AWS::IAM::AccessKey", "Properties": props}}}

test_access_key_is_denied if {
	some r in user_access_key.deny with input as key({"UserName": {"Ref": "U"}})
	r.resource == "K"
	r.path == ["Properties"]
	contains(r.msg, "user U")
}

test_active_status_is_denied if {
	some r in user_access_key.deny with input as key({"UserName": "alice", "Status": "Active"})
	contains(r.msg, "alice")
}

test_inactive_key_passes if {
	count(user_access_key.deny) == 0 with input as key({"UserName": {"Ref": "U"}, "Status": "Inactive"})
}

test_template_without_access_keys_passes if {
	count(user_access_key.deny) == 0 with input as {"Resources": {"U": {"Type": "AWS::IAM::User"}}}
}

test_key_without_properties_is_denied if {
	some r in user_access_key.deny with input as {"Resources": {"K": {"Type": "AWS::IAM::AccessKey"}}}
	r.resource == "K"
}

test_cdk_access_key_is_denied if {
	t := {"Resources": {"ReportingUserKeyE50F078D": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": {"Ref": "ReportingUser15B67649"}}, "Metadata": {"aws:cdk:path": "storage-insecure/ReportingUserKey/Resource"}}, "ReportingUser15B67649": {"Type": "AWS::IAM::User"}}}
	some r in user_access_key.deny with input as t
	r.resource == "ReportingUserKeyE50F078D"
}

test_active_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"K": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci", "Status": {"Fn::If": ["IsDev", "Active", "Inactive"]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in user_access_key.deny with input as v.template
	r.resource == "K"
}

test_status_parameter_default_inactive_passes if {
	t := {
		"Parameters": {"KeyStatus": {"Type": "String", "Default": "Inactive"}},
		"Resources": {"K": {"Type": "AWS::IAM::AccessKey", "Properties": {"UserName": "ci", "Status": {"Ref": "KeyStatus"}}}},
	}
	some v in cfn.variants(t)
	count(user_access_key.deny) == 0 with input as v.template
}
