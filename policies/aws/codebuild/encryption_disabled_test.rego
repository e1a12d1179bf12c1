package regent.aws.codebuild.encryption_disabled_test

import rego.v1

import data.regent.aws.codebuild.encryption_disabled
import data.regent.cfn

tpl(resources) := {"Resources": resources}

project(props) := {"Type": "AWS::CodeBuild::Project", "Properties": object.union({
	"Source": {"Type": "CODEPIPELINE"},
	"Environment": {"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0"},
	"Artifacts": {"Type": "S3", "Location": "artifacts"},
}, props)}

test_unencrypted_artifacts_are_denied if {
	some r in encryption_disabled.deny with input as tpl({"P": project({"Artifacts": {"Type": "S3", "Location": "artifacts", "EncryptionDisabled": true}})})
	r.resource == "P"
	r.path == ["Properties", "Artifacts", "EncryptionDisabled"]
	contains(r.msg, "artifacts are written unencrypted")
}

test_unencrypted_s3_logs_are_denied if {
	some r in encryption_disabled.deny with input as tpl({"P": project({"LogsConfig": {"S3Logs": {"Status": "ENABLED", "Location": "logs", "EncryptionDisabled": "true"}}})})
	r.path == ["Properties", "LogsConfig", "S3Logs", "EncryptionDisabled"]
}

test_unencrypted_secondary_artifacts_are_denied if {
	some r in encryption_disabled.deny with input as tpl({"P": project({"SecondaryArtifacts": [{"Type": "S3", "ArtifactIdentifier": "a"}, {"Type": "S3", "ArtifactIdentifier": "b", "EncryptionDisabled": true}]})})
	r.path == ["Properties", "SecondaryArtifacts", 1, "EncryptionDisabled"]
}

test_encrypted_project_passes if {
	count(encryption_disabled.deny) == 0 with input as tpl({"P": project({"LogsConfig": {"S3Logs": {"Status": "ENABLED", "Location": "logs", "EncryptionDisabled": false}}})})
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"P": project({"Artifacts": {"Type": "S3", "Location": "artifacts", "EncryptionDisabled": {"Fn::If": ["IsProd", false, true]}}})},
}

test_unencrypted_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in encryption_disabled.deny with input as v.template
	r.resource == "P"
}

test_encrypted_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(encryption_disabled.deny) == 0 with input as v.template
}

test_parameter_default_disabling_encryption_is_denied if {
	t := {
		"Parameters": {"NoEncryption": {"Type": "String", "Default": "true"}},
		"Resources": {"P": project({"LogsConfig": {"S3Logs": {"Status": "ENABLED", "Location": "logs", "EncryptionDisabled": {"Ref": "NoEncryption"}}}})},
	}
	some v in cfn.variants(t)
	some r in encryption_disabled.deny with input as v.template
	r.resource == "P"
}

test_cdk_project_passes if {
	count(encryption_disabled.deny) == 0 with input as tpl({"SiteBuildDBCDCF44": {
		"Type": "AWS::CodeBuild::Project",
		"Properties": {
			"Artifacts": {"Type": "CODEPIPELINE"},
			"Source": {"Type": "CODEPIPELINE"},
			"Environment": {"ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0", "Type": "LINUX_CONTAINER"},
			"LogsConfig": {"CloudWatchLogs": {"GroupName": {"Ref": "BuildLogs1A2B3C4D"}, "Status": "ENABLED"}},
			"EncryptionKey": {"Fn::GetAtt": ["ArtifactKey1A2B3C4D", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "app/SiteBuild/Resource"},
	}})
}
