package regent.aws.iam.iam_user_test

import rego.v1

import data.regent.aws.iam.iam_user
import data.regent.cfn

test_user_is_warned if {
	some r in iam_user.warn with input as {"Resources": {"U": {"Type": "AWS::IAM::User", "Properties": {"UserName": "reporting"}}}}
	r.resource == "U"
	r.path == []
	contains(r.msg, "long-lived IAM user")
}

test_user_without_properties_is_warned if {
	some r in iam_user.warn with input as {"Resources": {"U": {"Type": "AWS::IAM::User"}}}
	r.resource == "U"
}

test_roles_only_pass if {
	count(iam_user.warn) == 0 with input as {"Resources": {"R": {"Type": "AWS::IAM::Role"}, "G": {"Type": "AWS::IAM::Group"}}}
}

test_user_is_advisory_only if {
	not iam_user.deny with input as {"Resources": {"U": {"Type": "AWS::IAM::User"}}}
}

test_empty_template_passes if {
	count(iam_user.warn) == 0 with input as {}
}

test_cdk_user_is_warned if {
	t := {"Resources": {"ReportingUser15B67649": {"Type": "AWS::IAM::User", "Metadata": {"aws:cdk:path": "storage-insecure/ReportingUser/Resource"}}}}
	some r in iam_user.warn with input as t
	r.resource == "ReportingUser15B67649"
}

test_conditional_user_is_warned_when_created if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"U": {"Type": "AWS::IAM::User", "Condition": "IsDev"}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == true
	some r in iam_user.warn with input as v.template
	r.resource == "U"
}

test_conditional_user_is_not_warned_when_not_created if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Env"}, "dev"]}},
		"Resources": {"U": {"Type": "AWS::IAM::User", "Condition": "IsDev"}},
	}
	some v in cfn.variants(t)
	v.conditions.IsDev == false
	count(iam_user.warn) == 0 with input as v.template
}
