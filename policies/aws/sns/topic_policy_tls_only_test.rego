package regent.aws.sns.topic_policy_tls_only_test

import rego.v1

import data.regent.aws.sns.topic_policy_tls_only
import data.regent.cfn

tpl(resources) := {"Resources": resources}

topic := {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": "alias/events"}}

tls_deny := {
	"Sid": "AllowPublishThroughSSLOnly", "Effect": "Deny", "Principal": "*", "Action": "sns:Publish",
	"Resource": {"Ref": "T"}, "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

allow_cloudwatch := {"Effect": "Allow", "Principal": {"Service": "cloudwatch.amazonaws.com"}, "Action": "sns:Publish", "Resource": {"Ref": "T"}}

policy(statements) := {"Type": "AWS::SNS::TopicPolicy", "Properties": {
	"Topics": [{"Ref": "T"}],
	"PolicyDocument": {"Version": "2012-10-17", "Statement": statements},
}}

test_topic_without_policy_is_denied if {
	some r in topic_policy_tls_only.deny with input as tpl({"T": topic})
	r.resource == "T"
	r.path == ["Properties"]
	contains(r.msg, "has no topic policy")
}

test_policy_without_tls_deny_is_denied if {
	some r in topic_policy_tls_only.deny with input as tpl({"T": topic, "P": policy([allow_cloudwatch])})
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument"]
	contains(r.msg, "does not deny requests without TLS")
}

test_tls_only_policy_passes if {
	count(topic_policy_tls_only.deny) == 0 with input as tpl({"T": topic, "P": policy([tls_deny, allow_cloudwatch])})
}

test_boolean_false_condition_and_single_statement_pass if {
	s := json.patch(tls_deny, [{"op": "replace", "path": "/Condition", "value": {"Bool": {"aws:SecureTransport": false}}}])
	p := {"Type": "AWS::SNS::TopicPolicy", "Properties": {"Topics": [{"Ref": "T"}], "PolicyDocument": {"Statement": s}}}
	count(topic_policy_tls_only.deny) == 0 with input as tpl({"T": topic, "P": p})
}

test_deny_on_secure_transport_true_is_denied if {
	s := json.patch(tls_deny, [{"op": "replace", "path": "/Condition", "value": {"Bool": {"aws:SecureTransport": "true"}}}])
	some r in topic_policy_tls_only.deny with input as tpl({"T": topic, "P": policy([s])})
	r.resource == "P"
}

test_inline_policy_is_understood if {
	p := {"Type": "AWS::SNS::TopicInlinePolicy", "Properties": {"TopicArn": {"Ref": "T"}, "PolicyDocument": {"Statement": [tls_deny]}}}
	count(topic_policy_tls_only.deny) == 0 with input as tpl({"T": topic, "P": p})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"T": topic, "P": policy({"Fn::If": ["IsProd", [tls_deny, allow_cloudwatch], [allow_cloudwatch]]})},
}

test_branch_without_tls_deny_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in topic_policy_tls_only.deny with input as v.template
	r.resource == "P"
}

test_branch_with_tls_deny_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(topic_policy_tls_only.deny) == 0 with input as v.template
}

test_parameter_default_secure_transport_true_is_denied if {
	s := json.patch(tls_deny, [{"op": "replace", "path": "/Condition", "value": {"Bool": {"aws:SecureTransport": {"Ref": "Secure"}}}}])
	t := {"Parameters": {"Secure": {"Type": "String", "Default": "true"}}, "Resources": {"T": topic, "P": policy([s])}}
	some v in cfn.variants(t)
	some r in topic_policy_tls_only.deny with input as v.template
	r.resource == "P"
}

test_cdk_topic_with_enforce_ssl_passes if {
	count(topic_policy_tls_only.deny) == 0 with input as tpl({
		"AlarmTopicD01E77F9": {"Type": "AWS::SNS::Topic", "Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["ApiKeyF9DDEE66", "Arn"]}}, "Metadata": {"aws:cdk:path": "app/AlarmTopic/Resource"}},
		"AlarmTopicPolicy309DB5F8": {
			"Type": "AWS::SNS::TopicPolicy",
			"Properties": {
				"PolicyDocument": {"Statement": [{
					"Action": "sns:Publish", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny",
					"Principal": "*", "Resource": {"Ref": "AlarmTopicD01E77F9"}, "Sid": "AllowPublishThroughSSLOnly",
				}], "Version": "2012-10-17"},
				"Topics": [{"Ref": "AlarmTopicD01E77F9"}],
			},
			"Metadata": {"aws:cdk:path": "app/AlarmTopic/Policy/Resource"},
		},
	})
}
