package regent.aws.codebuild.kms_key_test

import rego.v1

import data.regent.aws.codebuild.kms_key
import data.regent.cfn

tpl(resources) := {"Resources": resources}

project(props) := {"Type": "AWS::CodeBuild::Project", "Properties": object.union({
	"Source": {"Type": "CODEPIPELINE"},
	"Artifacts": {"Type": "CODEPIPELINE"},
	"Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0"},
}, props)}

test_project_without_key_is_denied if {
	some r in kms_key.deny with input as tpl({"P": project({})})
	r.resource == "P"
	r.path == ["Properties"]
	contains(r.msg, "no EncryptionKey")
}

test_aws_managed_s3_key_is_denied if {
	some r in kms_key.deny with input as tpl({"P": project({"EncryptionKey": "alias/aws/s3"})})
	r.path == ["Properties", "EncryptionKey"]
	contains(r.msg, "alias/aws/s3")
}

test_aws_managed_key_arn_is_denied if {
	some r in kms_key.deny with input as tpl({"P": project({"EncryptionKey": "arn:aws:kms:eu-west-2:111122223333:alias/aws/s3"})})
	r.resource == "P"
}

test_customer_managed_key_passes if {
	count(kms_key.deny) == 0 with input as tpl({"K": {"Type": "AWS::KMS::Key", "Properties": {}}, "P": project({"EncryptionKey": {"Fn::GetAtt": ["K", "Arn"]}})})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": project({"EncryptionKey": {"Fn::If": ["IsProd", {"Fn::GetAtt": ["K", "Arn"]}, "alias/aws/s3"]}})},
}

test_aws_managed_key_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in kms_key.deny with input as v.template
	r.resource == "P"
}

test_customer_managed_key_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(kms_key.deny) == 0 with input as v.template
}

test_parameter_default_aws_managed_key_is_denied if {
	t := {"Parameters": {"Key": {"Type": "String", "Default": "alias/aws/s3"}}, "Resources": {"P": project({"EncryptionKey": {"Ref": "Key"}})}}
	some v in cfn.variants(t)
	some r in kms_key.deny with input as v.template
	r.resource == "P"
}

test_cdk_project_with_key_passes if {
	count(kms_key.deny) == 0 with input as tpl({
		"PipelineArtifactsBucketEncryptionKey01D58D69": {"Type": "AWS::KMS::Key", "Properties": {"EnableKeyRotation": true}},
		"SiteBuildDBCDCF44": {
			"Type": "AWS::CodeBuild::Project",
			"Properties": {
				"Artifacts": {"Type": "CODEPIPELINE"},
				"Source": {"Type": "CODEPIPELINE"},
				"Environment": {"ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0", "Type": "LINUX_CONTAINER"},
				"EncryptionKey": {"Fn::GetAtt": ["PipelineArtifactsBucketEncryptionKey01D58D69", "Arn"]},
			},
			"Metadata": {"aws:cdk:path": "app/SiteBuild/Resource"},
		},
	})
}
