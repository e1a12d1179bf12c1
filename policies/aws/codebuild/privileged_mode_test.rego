package regent.aws.codebuild.privileged_mode_test

import rego.v1

import data.regent.aws.codebuild.privileged_mode
import data.regent.cfn

tpl(resources) := {"Resources": resources}

project(env) := {"Type": "AWS::CodeBuild::Project", "Properties": {
	"Source": {"Type": "CODEPIPELINE"},
	"Artifacts": {"Type": "CODEPIPELINE"},
	"ServiceRole": {"Fn::GetAtt": ["Role", "Arn"]},
	"Environment": object.union({"Type": "LINUX_CONTAINER", "ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0"}, env),
}}

test_privileged_project_is_denied if {
	some r in privileged_mode.deny with input as tpl({"P": project({"PrivilegedMode": true})})
	r.resource == "P"
	r.path == ["Properties", "Environment", "PrivilegedMode"]
	contains(r.msg, "privileged mode")
}

test_unprivileged_project_passes if {
	count(privileged_mode.deny) == 0 with input as tpl({"P": project({"PrivilegedMode": false})})
}

test_missing_setting_passes if {
	count(privileged_mode.deny) == 0 with input as tpl({"P": project({})})
}

test_string_true_is_denied if {
	some r in privileged_mode.deny with input as tpl({"P": project({"PrivilegedMode": "True"})})
	r.resource == "P"
}

if_tpl := {
	"Parameters": {"BuildImages": {"Type": "String", "AllowedValues": ["yes", "no"]}},
	"Conditions": {"Docker": {"Fn::Equals": [{"Ref": "BuildImages"}, "yes"]}},
	"Resources": {"P": project({"PrivilegedMode": {"Fn::If": ["Docker", true, false]}})},
}

test_privileged_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.Docker == true
	some r in privileged_mode.deny with input as v.template
	r.resource == "P"
}

test_unprivileged_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.Docker == false
	count(privileged_mode.deny) == 0 with input as v.template
}

test_parameter_default_true_is_denied if {
	t := {"Parameters": {"Privileged": {"Type": "String", "Default": "true"}}, "Resources": {"P": project({"PrivilegedMode": {"Ref": "Privileged"}})}}
	some v in cfn.variants(t)
	some r in privileged_mode.deny with input as v.template
	r.resource == "P"
}

test_cdk_project_passes if {
	count(privileged_mode.deny) == 0 with input as tpl({"SiteBuildDBCDCF44": {
		"Type": "AWS::CodeBuild::Project",
		"Properties": {
			"Artifacts": {"Type": "CODEPIPELINE"},
			"Environment": {"ComputeType": "BUILD_GENERAL1_SMALL", "Image": "aws/codebuild/standard:7.0", "ImagePullCredentialsType": "CODEBUILD", "PrivilegedMode": false, "Type": "LINUX_CONTAINER"},
			"ServiceRole": {"Fn::GetAtt": ["SiteBuildRole987D9CB0", "Arn"]},
			"Source": {"Type": "CODEPIPELINE"},
			"EncryptionKey": {"Fn::GetAtt": ["ArtifactKey1A2B3C4D", "Arn"]},
		},
		"Metadata": {"aws:cdk:path": "app/SiteBuild/Resource"},
	}})
}
