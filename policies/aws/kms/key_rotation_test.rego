package regent.aws.kms.key_rotation_test

import rego.v1

import data.regent.aws.kms.key_rotation
import data.regent.cfn

tpl(resources) := {"Resources": resources}

key(props) := {"Type": "AWS::KMS::Key", "Properties": object.union({"KeyPolicy": {"Statement": []}}, props)}

test_rotation_off_is_denied if {
	some r in key_rotation.deny with input as tpl({"K": key({"EnableKeyRotation": false})})
	r.resource == "K"
	r.path == ["Properties", "EnableKeyRotation"]
	contains(r.msg, "EnableKeyRotation: true")
}

test_rotation_missing_is_denied_on_properties if {
	some r in key_rotation.deny with input as tpl({"K": key({})})
	r.path == ["Properties"]
}

test_rotation_on_passes if {
	count(key_rotation.deny) == 0 with input as tpl({"K": key({"EnableKeyRotation": true, "RotationPeriodInDays": 180})})
}

test_string_true_passes if {
	count(key_rotation.deny) == 0 with input as tpl({"K": key({"EnableKeyRotation": "true"})})
}

test_string_false_is_denied if {
	some r in key_rotation.deny with input as tpl({"K": key({"EnableKeyRotation": "false"})})
	r.resource == "K"
}

test_asymmetric_and_hmac_keys_are_not_checked if {
	count(key_rotation.deny) == 0 with input as tpl({
		"Sign": key({"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}),
		"Mac": key({"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}),
	})
}

test_cdk_key_with_rotation_passes if {
	count(key_rotation.deny) == 0 with input as tpl({"DataKey17AFBB84": {
		"Type": "AWS::KMS::Key",
		"Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Statement": [{"Action": "kms:*", "Effect": "Allow", "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":root"]]}}, "Resource": "*"}]}},
		"UpdateReplacePolicy": "Retain",
		"DeletionPolicy": "Retain",
		"Metadata": {"aws:cdk:path": "stack/DataKey/Resource"},
	}})
}

test_rotation_off_in_if_branch_is_denied if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {"K": key({"EnableKeyRotation": {"Fn::If": ["IsProd", true, false]}})},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in key_rotation.deny with input as v.template
	r.resource == "K"
}

test_rotation_from_parameter_default_is_denied if {
	t := {
		"Parameters": {"Rotate": {"Type": "String", "Default": "false", "AllowedValues": ["false"]}},
		"Resources": {"K": key({"EnableKeyRotation": {"Ref": "Rotate"}})},
	}
	some v in cfn.variants(t)
	some r in key_rotation.deny with input as v.template
	r.resource == "K"
}
