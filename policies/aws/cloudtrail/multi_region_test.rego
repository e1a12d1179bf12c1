package regent.aws.cloudtrail.multi_region_test

import rego.v1

import data.regent.aws.cloudtrail.multi_region
import data.regent.cfn

tpl(resources) := {"Resources": resources}

trail(props) := {"Type": "AWS::CloudTrail::Trail", "Properties": object.union({"IsLogging": true, "S3BucketName": "trail-logs"}, props)}

test_single_region_trail_is_denied if {
	some r in multi_region.deny with input as tpl({"T": trail({"IsMultiRegionTrail": false})})
	r.resource == "T"
	r.path == ["Properties", "IsMultiRegionTrail"]
	contains(r.msg, "single region")
}

test_missing_multi_region_is_denied_on_properties if {
	some r in multi_region.deny with input as tpl({"T": trail({})})
	r.path == ["Properties"]
}

test_excluded_global_events_are_denied if {
	some r in multi_region.deny with input as tpl({"T": trail({"IsMultiRegionTrail": true, "IncludeGlobalServiceEvents": "false"})})
	r.path == ["Properties", "IncludeGlobalServiceEvents"]
	contains(r.msg, "global service events")
}

test_multi_region_trail_passes if {
	count(multi_region.deny) == 0 with input as tpl({"T": trail({"IsMultiRegionTrail": "true", "IncludeGlobalServiceEvents": true})})
}

test_both_issues_give_two_findings if {
	count(multi_region.deny) == 2 with input as tpl({"T": trail({"IsMultiRegionTrail": false, "IncludeGlobalServiceEvents": false})})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"T": trail({"IsMultiRegionTrail": {"Fn::If": ["IsProd", true, false]}})},
}

test_branch_with_single_region_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in multi_region.deny with input as v.template
	r.resource == "T"
}

test_branch_with_all_regions_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(multi_region.deny) == 0 with input as v.template
}

test_parameter_default_single_region_is_denied if {
	t := {"Parameters": {"AllRegions": {"Type": "String", "Default": "false"}}, "Resources": {"T": trail({"IsMultiRegionTrail": {"Ref": "AllRegions"}})}}
	some v in cfn.variants(t)
	some r in multi_region.deny with input as v.template
	r.resource == "T"
}

test_cdk_trail_passes if {
	count(multi_region.deny) == 0 with input as tpl({"Trail022F0CF2": {
		"Type": "AWS::CloudTrail::Trail",
		"Properties": {"IsLogging": true, "S3BucketName": {"Ref": "TrailBucketA831CE63"}, "IsMultiRegionTrail": true, "IncludeGlobalServiceEvents": true},
		"Metadata": {"aws:cdk:path": "app/Trail/Resource"},
	}})
}
