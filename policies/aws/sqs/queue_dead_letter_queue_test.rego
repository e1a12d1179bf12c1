package regent.aws.sqs.queue_dead_letter_queue_test

import rego.v1

import data.regent.aws.sqs.queue_dead_letter_queue
import data.regent.cfn

tpl(resources) := {"Resources": resources}

queue(props) := {"Type": "AWS::SQS::Queue", "Properties": props}

redrive := {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}, "maxReceiveCount": 5}

test_queue_without_dlq_is_denied if {
	some r in queue_dead_letter_queue.deny with input as tpl({"Q": queue({"VisibilityTimeout": 30})})
	r.resource == "Q"
	r.path == ["Properties"]
	contains(r.msg, "no dead-letter queue")
}

test_queue_with_redrive_policy_passes_and_its_dlq_is_exempt if {
	count(queue_dead_letter_queue.deny) == 0 with input as tpl({"Dlq": queue({}), "Q": queue({"RedrivePolicy": redrive})})
}

test_lambda_dead_letter_target_is_exempt if {
	fn := {"Type": "AWS::Lambda::Function", "Properties": {"DeadLetterConfig": {"TargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}}}}
	count(queue_dead_letter_queue.deny) == 0 with input as tpl({"Dlq": queue({}), "Fn": fn})
}

test_queue_used_elsewhere_is_not_a_dlq if {
	fn := {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {"EventSourceArn": {"Fn::GetAtt": ["Q", "Arn"]}}}
	some r in queue_dead_letter_queue.deny with input as tpl({"Q": queue({}), "Esm": fn})
	r.resource == "Q"
}

test_redrive_policy_as_json_string_passes if {
	count(queue_dead_letter_queue.deny) == 0 with input as tpl({"Q": queue({"RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-2:111122223333:dlq\",\"maxReceiveCount\":\"5\"}"})})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"Q": queue({"RedrivePolicy": {"Fn::If": ["IsProd", {"deadLetterTargetArn": "arn:aws:sqs:eu-west-2:111122223333:dlq", "maxReceiveCount": 5}, {"Ref": "AWS::NoValue"}]}})},
}

test_branch_without_dlq_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in queue_dead_letter_queue.deny with input as v.template
	r.resource == "Q"
}

test_branch_with_dlq_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(queue_dead_letter_queue.deny) == 0 with input as v.template
}

test_parameter_default_without_dlq_is_denied if {
	t := json.patch(if_tpl, [{"op": "replace", "path": "/Parameters/Env", "value": {"Type": "String", "Default": "dev"}}])
	some v in cfn.variants(t)
	some r in queue_dead_letter_queue.deny with input as v.template
	r.resource == "Q"
}

test_cdk_queue_and_dlq_pass if {
	count(queue_dead_letter_queue.deny) == 0 with input as tpl({
		"ProcessingDlq24E71A3D": {"Type": "AWS::SQS::Queue", "Properties": {"KmsMasterKeyId": {"Fn::GetAtt": ["ApiKeyF9DDEE66", "Arn"]}, "MessageRetentionPeriod": 1209600}, "Metadata": {"aws:cdk:path": "app/ProcessingDlq/Resource"}},
		"ProcessingQueue6DC600C3": {
			"Type": "AWS::SQS::Queue",
			"Properties": {"RedrivePolicy": {"deadLetterTargetArn": {"Fn::GetAtt": ["ProcessingDlq24E71A3D", "Arn"]}, "maxReceiveCount": 5}},
			"Metadata": {"aws:cdk:path": "app/ProcessingQueue/Resource"},
		},
	})
}
