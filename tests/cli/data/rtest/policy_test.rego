package demo_test

import rego.v1
import data.demo
import data.regent.cfn

test_deny if {
	"B" in demo.deny with input as {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}
}

test_fails if {
	"C" in demo.deny with input as {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}
}

test_variant if {
	some v in cfn.variants({"Parameters": {"E": {"Type": "String", "AllowedValues": ["a", "b"]}}, "Resources": {"B": {"Type": "AWS::S3::Bucket", "Properties": {"BucketEncryption": {"Fn::If": ["C", "x", {"Ref": "AWS::NoValue"}]}}}}, "Conditions": {"C": {"Fn::Equals": [{"Ref": "E"}, "a"]}}})
	v.conditions.C == false
	"B" in demo.deny with input as v.template
}

test_err if {
	x := 1 / 0
	x == 1
}

todo_test_later if { false }

# A mocked function and data document.
test_mock_function if {
	demo.deny == {"B"} with input as {"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}
	count(demo.deny) == 1 with count as mock_count
}

mock_count(_) := 1

test_helper_library_available if {
	cfn.is_intrinsic({"Ref": "X"})
}

conflicting := 1 if input.a

conflicting := 2 if input.a

test_conflict_is_an_error if {
	conflicting with input as {"a": true}
}
