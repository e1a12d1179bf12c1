package regent.aws.lambda.dead_letter_queue_test

import rego.v1

import data.regent.aws.lambda.dead_letter_queue as dlq
import data.regent.cfn

tpl(resources) := {"Resources": resources}

fn(props) := {"Type": "AWS::Lambda::Function", "Properties": props}

test_function_without_dlq_is_denied if {
	some r in dlq.deny with input as tpl({"Fn": fn({})})
	r.resource == "Fn"
	r.path == ["Properties", "DeadLetterConfig"]
	contains(r.msg, "no dead-letter queue")
}

test_dead_letter_config_passes if {
	count(dlq.deny) == 0 with input as tpl({"Fn": fn({"DeadLetterConfig": {"TargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}}})})
}

test_on_failure_destination_passes if {
	t := tpl({
		"Fn": fn({"FunctionName": "process-payment"}),
		"Cfg": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
			"FunctionName": "process-payment",
			"Qualifier": "$LATEST",
			"DestinationConfig": {"OnFailure": {"Destination": {"Fn::GetAtt": ["Dlq", "Arn"]}}},
		}},
	})
	count(dlq.deny) == 0 with input as t
}

test_invoke_config_without_on_failure_is_denied if {
	t := tpl({
		"Fn": fn({}),
		"Cfg": {"Type": "AWS::Lambda::EventInvokeConfig", "Properties": {
			"FunctionName": {"Ref": "Fn"},
			"DestinationConfig": {"OnSuccess": {"Destination": "arn:aws:sqs:eu-west-2:111122223333:ok"}},
		}},
	})
	some r in dlq.deny with input as t
	r.resource == "Fn"
}

test_sam_dead_letter_queue_and_globals if {
	sam := {"Type": "AWS::Serverless::Function", "Properties": {}}
	some r in dlq.deny with input as tpl({"Fn": sam})
	r.path == ["Properties", "DeadLetterQueue"]
	count(dlq.deny) == 0 with input as {
		"Globals": {"Function": {"DeadLetterQueue": {"Type": "SQS", "TargetArn": "arn:aws:sqs:eu-west-2:111122223333:dlq"}}},
		"Resources": {"Fn": sam},
	}
}

test_wrongly_typed_dlq_is_not_absent if {
	count(dlq.deny) == 0 with input as tpl({"Fn": fn({"DeadLetterConfig": {"TargetArn": "arn:aws:sqs:eu-west-2:111122223333:dlq"}})})
	some r in dlq.deny with input as tpl({"Fn": fn({"DeadLetterConfig": "arn:aws:sqs:eu-west-2:111122223333:dlq"})})
	r.resource == "Fn"
}

tpl_with_if := {
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "AWS::AccountId"}, "111122223333"]}},
	"Resources": {"Fn": fn({"DeadLetterConfig": {"Fn::If": ["IsProd", {"TargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}}, {"Ref": "AWS::NoValue"}]}})},
}

test_dlq_less_if_branch_is_denied if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == false
	some r in dlq.deny with input as v.template
	r.resource == "Fn"
}

test_dlq_if_branch_passes if {
	some v in cfn.variants(tpl_with_if)
	v.conditions.IsProd == true
	count(dlq.deny) == 0 with input as v.template
}

test_parameter_dlq_arn_passes if {
	t := {
		"Parameters": {"DlqArn": {"Type": "String", "Default": "arn:aws:sqs:eu-west-2:111122223333:dlq"}},
		"Resources": {"Fn": fn({"DeadLetterConfig": {"TargetArn": {"Ref": "DlqArn"}}})},
	}
	some v in cfn.variants(t)
	count(dlq.deny) == 0 with input as v.template
}

test_cdk_style_template_is_denied if {
	t := tpl({"ProcessPaymentFn28746EEC": {
		"Type": "AWS::Lambda::Function",
		"Properties": {"Role": {"Fn::GetAtt": ["ProcessPaymentFnServiceRole", "Arn"]}, "Runtime": "nodejs22.x"},
		"Metadata": {"aws:cdk:path": "api/ProcessPaymentFn/Resource"},
	}})
	some r in dlq.deny with input as t
	r.resource == "ProcessPaymentFn28746EEC"
}
