package regent.aws.s3.bucket_lifecycle_test

import rego.v1

import data.regent.aws.s3.bucket_lifecycle
import data.regent.cfn

tpl(resources) := {"Resources": resources}

bucket(rules) := {"Type": "AWS::S3::Bucket", "Properties": {"LifecycleConfiguration": {"Rules": rules}}}

test_bucket_without_lifecycle_is_warned if {
	some r in bucket_lifecycle.warn with input as tpl({"B": {"Type": "AWS::S3::Bucket"}})
	r.resource == "B"
	r.path == ["Properties"]
	contains(r.msg, "Status: Enabled")
}

test_enabled_rule_passes if {
	count(bucket_lifecycle.warn) == 0 with input as tpl({"B": bucket([{"Id": "expire", "Status": "Enabled", "ExpirationInDays": 365}])})
}

test_only_disabled_rules_are_warned if {
	some r in bucket_lifecycle.warn with input as tpl({"B": bucket([{"Status": "Disabled", "ExpirationInDays": 365}])})
	r.resource == "B"
}

test_wrongly_typed_rules_are_warned if {
	some r in bucket_lifecycle.warn with input as tpl({"B": bucket("Enabled")})
	r.resource == "B"
}

test_lifecycle_is_advisory_only if {
	not bucket_lifecycle.deny with input as tpl({"B": {"Type": "AWS::S3::Bucket"}})
}

test_cdk_lifecycle_rules_pass if {
	count(bucket_lifecycle.warn) == 0 with input as tpl({"DataBucketE3889A50": {
		"Type": "AWS::S3::Bucket",
		"Properties": {"LifecycleConfiguration": {"Rules": [{"NoncurrentVersionExpiration": {"NoncurrentDays": 90}, "Status": "Enabled"}]}},
		"Metadata": {"aws:cdk:path": "stack/Data/Resource"},
	}})
}

test_disabled_if_branch_is_warned if {
	t := {
		"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
		"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
		"Resources": {"B": bucket([{"Status": {"Fn::If": ["IsProd", "Enabled", "Disabled"]}}])},
	}
	some v in cfn.variants(t)
	v.conditions.IsProd == false
	some r in bucket_lifecycle.warn with input as v.template
	r.resource == "B"
}

test_status_from_parameter_default if {
	t := {
		"Parameters": {"RuleStatus": {"Type": "String", "Default": "Disabled"}},
		"Resources": {"B": bucket([{"Status": {"Ref": "RuleStatus"}}])},
	}
	some v in cfn.variants(t)
	some r in bucket_lifecycle.warn with input as v.template
	r.resource == "B"
}
