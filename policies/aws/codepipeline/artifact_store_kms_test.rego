package regent.aws.codepipeline.artifact_store_kms_test

import rego.v1

import data.regent.aws.codepipeline.artifact_store_kms
import data.regent.cfn

tpl(resources) := {"Resources": resources}

pipeline(props) := {"Type": "AWS::CodePipeline::Pipeline", "Properties": object.union({
	"RoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
	"Stages": [{"Name": "Source", "Actions": []}],
}, props)}

store(key) := {"Type": "S3", "Location": "artifacts", "EncryptionKey": {"Id": key, "Type": "KMS"}}

test_store_without_key_is_denied if {
	some r in artifact_store_kms.deny with input as tpl({"P": pipeline({"ArtifactStore": {"Type": "S3", "Location": "artifacts"}})})
	r.resource == "P"
	r.path == ["Properties", "ArtifactStore"]
	contains(r.msg, "AWS-managed S3 key")
}

test_store_with_customer_managed_key_passes if {
	count(artifact_store_kms.deny) == 0 with input as tpl({"P": pipeline({"ArtifactStore": store({"Fn::GetAtt": ["Key", "Arn"]})})})
}

test_aws_managed_alias_is_denied if {
	some r in artifact_store_kms.deny with input as tpl({"P": pipeline({"ArtifactStore": store("arn:aws:kms:eu-west-2:111122223333:alias/aws/s3")})})
	r.resource == "P"
}

test_cross_region_store_without_key_is_denied if {
	stores := [
		{"Region": "eu-west-2", "ArtifactStore": store("arn:aws:kms:eu-west-2:111122223333:key/abc")},
		{"Region": "us-east-1", "ArtifactStore": {"Type": "S3", "Location": "artifacts-use1"}},
	]
	some r in artifact_store_kms.deny with input as tpl({"P": pipeline({"ArtifactStores": stores})})
	r.path == ["Properties", "ArtifactStores", 1, "ArtifactStore"]
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": pipeline({"ArtifactStore": {"Type": "S3", "Location": "artifacts", "EncryptionKey": {"Fn::If": ["IsProd", {"Id": {"Fn::GetAtt": ["Key", "Arn"]}, "Type": "KMS"}, {"Ref": "AWS::NoValue"}]}}})},
}

test_branch_without_key_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in artifact_store_kms.deny with input as v.template
	r.resource == "P"
}

test_branch_with_key_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(artifact_store_kms.deny) == 0 with input as v.template
}

test_parameter_default_empty_key_is_denied if {
	t := {"Parameters": {"KeyArn": {"Type": "String", "Default": ""}}, "Resources": {"P": pipeline({"ArtifactStore": store({"Ref": "KeyArn"})})}}
	some v in cfn.variants(t)
	some r in artifact_store_kms.deny with input as v.template
	r.resource == "P"
}

test_cdk_pipeline_with_key_passes if {
	count(artifact_store_kms.deny) == 0 with input as tpl({"PipelineC660917D": {
		"Type": "AWS::CodePipeline::Pipeline",
		"Properties": {
			"RoleArn": {"Fn::GetAtt": ["PipelineRoleD68726F7", "Arn"]},
			"ArtifactStore": {"Type": "S3", "Location": {"Ref": "PipelineArtifactsBucket22248F97"}, "EncryptionKey": {"Id": {"Fn::GetAtt": ["PipelineArtifactsBucketEncryptionKey01D58D69", "Arn"]}, "Type": "KMS"}},
			"Stages": [{"Name": "Source", "Actions": []}],
		},
		"Metadata": {"aws:cdk:path": "app/Pipeline/Resource"},
	}})
}
