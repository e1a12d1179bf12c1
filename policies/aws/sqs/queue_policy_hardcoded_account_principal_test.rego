package regent.aws.sqs.queue_policy_hardcoded_account_principal_test

import rego.v1

import data.regent.aws.sqs.queue_policy_hardcoded_account_principal
import data.regent.cfn

tpl(resources) := {"Resources": resources}

policy(principal) := {"Type": "AWS::SQS::QueuePolicy", "Properties": {
	"Queues": [{"Ref": "Q"}],
	"PolicyDocument": {"Statement": [
		{"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
		{"Effect": "Allow", "Principal": {"AWS": principal}, "Action": ["sqs:ReceiveMessage", "sqs:DeleteMessage"], "Resource": {"Fn::GetAtt": ["Q", "Arn"]}},
	]},
}}

test_literal_role_arn_is_denied if {
	some r in queue_policy_hardcoded_account_principal.deny with input as tpl({"P": policy("arn:aws:iam::123456789012:role/legacy-lambda-exec")})
	r.resource == "P"
	r.path == ["Properties", "PolicyDocument", "Statement", 1, "Principal"]
	contains(r.msg, "hard-coded account 123456789012")
	contains(r.msg, "sqs:ReceiveMessage, sqs:DeleteMessage")
}

test_bare_account_id_is_denied if {
	some r in queue_policy_hardcoded_account_principal.deny with input as tpl({"P": policy(["999988887777"])})
	contains(r.msg, "999988887777")
}

test_role_of_the_stack_passes if {
	count(queue_policy_hardcoded_account_principal.deny) == 0 with input as tpl({"P": policy({"Fn::GetAtt": ["ConsumerRole", "Arn"]})})
}

test_account_from_pseudo_parameter_passes if {
	count(queue_policy_hardcoded_account_principal.deny) == 0 with input as tpl({"P": policy({"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/consumer"})})
}

test_joined_arn_with_literal_account_is_denied if {
	arn := {"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::123456789012:root"]]}
	some r in queue_policy_hardcoded_account_principal.deny with input as tpl({"P": policy(arn)})
	r.resource == "P"
}

test_deny_statements_are_ignored if {
	p := {"Type": "AWS::SQS::QueuePolicy", "Properties": {"Queues": [{"Ref": "Q"}], "PolicyDocument": {"Statement": {"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sqs:*", "Resource": "*"}}}}
	count(queue_policy_hardcoded_account_principal.deny) == 0 with input as tpl({"P": p})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": policy({"Fn::If": ["IsProd", {"Fn::GetAtt": ["ConsumerRole", "Arn"]}, "arn:aws:iam::123456789012:role/dev-consumer"]})},
}

test_branch_with_literal_account_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in queue_policy_hardcoded_account_principal.deny with input as v.template
	r.resource == "P"
}

test_branch_with_stack_role_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(queue_policy_hardcoded_account_principal.deny) == 0 with input as v.template
}

test_parameter_default_account_is_denied if {
	t := {"Parameters": {"ConsumerArn": {"Type": "String", "Default": "arn:aws:iam::123456789012:role/consumer"}}, "Resources": {"P": policy({"Ref": "ConsumerArn"})}}
	some v in cfn.variants(t)
	some r in queue_policy_hardcoded_account_principal.deny with input as v.template
	r.resource == "P"
}

test_cdk_grant_to_stack_role_passes if {
	count(queue_policy_hardcoded_account_principal.deny) == 0 with input as tpl({"ProcessingQueuePolicyDDFFDBBA": {
		"Type": "AWS::SQS::QueuePolicy",
		"Properties": {
			"PolicyDocument": {"Statement": [{
				"Action": ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
				"Effect": "Allow",
				"Principal": {"AWS": {"Fn::GetAtt": ["ProcessPaymentFnServiceRole1A2B3C4D", "Arn"]}},
				"Resource": {"Fn::GetAtt": ["ProcessingQueue6DC600C3", "Arn"]},
			}], "Version": "2012-10-17"},
			"Queues": [{"Ref": "ProcessingQueue6DC600C3"}],
		},
		"Metadata": {"aws:cdk:path": "app/ProcessingQueue/Policy/Resource"},
	}})
}
