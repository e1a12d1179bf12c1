package regent.aws.kms.key_policy_public_principal_test

import rego.v1

import data.regent.aws.kms.key_policy_public_principal
import data.regent.cfn

key(statements) := {"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true, "KeyPolicy": {"Version": "2012-10-17", "Statement": statements}}}}}

root := {"Effect": "Allow", "Principal": {"AWS": {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::", {"Ref": "AWS::AccountId"}, ":root"]]}}, "Action": "kms:*", "Resource": "*"}

everyone := {"Sid": "AllowDecryptForEveryone", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt", "kms:DescribeKey"], "Resource": "*"}

test_public_decrypt_is_denied if {
	some r in key_policy_public_principal.deny with input as key([root, everyone])
	r.resource == "K"
	r.path == ["Properties", "KeyPolicy", "Statement", 1]
	contains(r.msg, "\"AllowDecryptForEveryone\"")
	contains(r.msg, "kms:Decrypt")
}

test_cdk_default_root_statement_passes if {
	count(key_policy_public_principal.deny) == 0 with input as key([root])
}

test_caller_account_condition_passes if {
	s := object.union(everyone, {"Condition": {"StringEquals": {"kms:CallerAccount": "111122223333"}}})
	count(key_policy_public_principal.deny) == 0 with input as key([root, s])
}

test_via_service_only_is_still_public if {
	s := object.union(everyone, {"Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}})
	some r in key_policy_public_principal.deny with input as key([s])
	r.resource == "K"
}

test_deny_star_is_fine if {
	s := object.union(everyone, {"Effect": "Deny"})
	count(key_policy_public_principal.deny) == 0 with input as key([s])
}

test_service_principal_passes if {
	s := {"Effect": "Allow", "Principal": {"Service": "logs.eu-west-2.amazonaws.com"}, "Action": ["kms:Encrypt*", "kms:Decrypt*"], "Resource": "*"}
	count(key_policy_public_principal.deny) == 0 with input as key([root, s])
}

test_missing_key_policy_passes if {
	count(key_policy_public_principal.deny) == 0 with input as {"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {}}}}
}

test_public_if_branch_is_denied if {
	t := {
		"Parameters": {"Share": {"Type": "String", "AllowedValues": ["yes", "no"]}},
		"Conditions": {"Shared": {"Fn::Equals": [{"Ref": "Share"}, "yes"]}},
		"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [root, {"Fn::If": ["Shared", everyone, {"Ref": "AWS::NoValue"}]}]}}}},
	}
	some v in cfn.variants(t)
	v.conditions.Shared == true
	some r in key_policy_public_principal.deny with input as v.template
	r.resource == "K"
}

test_principal_parameter_default_star_is_denied if {
	t := {
		"Parameters": {"Consumer": {"Type": "String", "Default": "*"}},
		"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [object.union(everyone, {"Principal": {"AWS": {"Ref": "Consumer"}}})]}}}},
	}
	some v in cfn.variants(t)
	some r in key_policy_public_principal.deny with input as v.template
	r.resource == "K"
}
