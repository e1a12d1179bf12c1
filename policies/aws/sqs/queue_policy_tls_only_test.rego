package regent.aws.sqs.queue_policy_tls_only_test

import rego.v1

import data.regent.aws.sqs.queue_policy_tls_only
import data.regent.cfn

tpl(resources) := {"Resources": resources}

queue := {"Type": "AWS::SQS::Queue", "Properties": {}}

tls_deny := {
	"Effect": "Deny", "Principal": {"AWS": "*"}, "Action": "sqs:*",
	"Resource": {"Fn::GetAtt": ["Q", "Arn"]}, "Condition": {"Bool": {"aws:SecureTransport": "false"}},
}

allow_sns := {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": {"Fn::GetAtt": ["Q", "Arn"]}}

policy(statements) := {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Q"}], "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}}

test_queue_without_policy_is_denied if {
	some r in queue_policy_tls_only.deny with input as tpl({"Q": queue})
	r.resource == "Q"
	r.path == ["Properties"]
	contains(r.msg, "has no queue policy")
}

test_policy_without_tls_deny_is_denied if {
	some r in queue_policy_tls_only.deny with input as tpl({"Q": queue, "P": policy([allow_sns])})
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument"]
}

test_tls_only_policy_passes if {
	count(queue_policy_tls_only.deny) == 0 with input as tpl({"Q": queue, "P": policy([tls_deny, allow_sns])})
}

test_bool_if_exists_with_boolean_false_passes if {
	s := json.patch(tls_deny, [{"op": "replace", "path": "/Condition", "value": {"BoolIfExists": {"aws:SecureTransport": false}}}])
	count(queue_policy_tls_only.deny) == 0 with input as tpl({"Q": queue, "P": policy([s])})
}

test_policy_for_another_queue_does_not_count if {
	other := {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Other"}], "PolicyDocument": {"Statement": [tls_deny]}}}
	some r in queue_policy_tls_only.deny with input as tpl({"Q": queue, "Other": queue, "P": other})
	r.resource == "Q"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"Q": queue, "P": policy({"Fn::If": ["IsProd", [tls_deny, allow_sns], [allow_sns]]})},
}

test_branch_without_tls_deny_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in queue_policy_tls_only.deny with input as v.template
	r.resource == "P"
}

test_branch_with_tls_deny_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(queue_policy_tls_only.deny) == 0 with input as v.template
}

test_parameter_default_secure_transport_true_is_denied if {
	s := json.patch(tls_deny, [{"op": "replace", "path": "/Condition", "value": {"Bool": {"aws:SecureTransport": {"Ref": "Secure"}}}}])
	t := {"Parameters": {"Secure": {"Type": "String", "Default": "true"}}, "Resources": {"Q": queue, "P": policy([s])}}
	some v in cfn.variants(t)
	some r in queue_policy_tls_only.deny with input as v.template
	r.resource == "P"
}

test_cdk_queue_with_enforce_ssl_passes if {
	count(queue_policy_tls_only.deny) == 0 with input as tpl({
		"LedgerEventsQueue256D5485": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["DataKey17AFBB84", "Arn"]}}, "Metadata": {"aws:cdk:path": "app/LedgerEventsQueue/Resource"}},
		"LedgerEventsQueuePolicy1A2B3C4D": {
			"Type": "AWS::SQS::QueuePolicy",
			"Properties": {
				"PolicyDocument": {"Statement": [{
					"Action": "sqs:*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}, "Effect": "Deny",
					"Principal": {"AWS": "*"}, "Resource": {"Fn::GetAtt": ["LedgerEventsQueue256D5485", "Arn"]},
				}], "Version": "2012-10-17"},
				"Queues": [{"Ref": "LedgerEventsQueue256D5485"}],
			},
			"Metadata": {"aws:cdk:path": "app/LedgerEventsQueue/Policy/Resource"},
		},
	})
}
