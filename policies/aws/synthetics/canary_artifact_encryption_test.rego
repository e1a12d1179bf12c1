package regent.aws.synthetics.canary_artifact_encryption_test

import rego.v1

import data.regent.aws.synthetics.canary_artifact_encryption
import data.regent.cfn

tpl(resources) := {"Resources": resources}

canary(props) := {"Type": "AWS::Synthetics::Canary", "Properties": object.union({
	"Name": "api-probe",
	"RuntimeVersion": "syn-nodejs-puppeteer-9.1",
	"ExecutionRoleArn": {"Fn::GetAtt": ["Role", "Arn"]},
	"ArtifactS3Location": "s3://artifacts/canary",
	"Schedule": {"Expression": "rate(5 minutes)"},
	"Code": {"Handler": "index.handler", "Script": "exports.handler = async () => {};"},
}, props)}

kms := {"S3Encryption": {"EncryptionMode": "SSE_KMS", "KmsKeyArn": {"Fn::GetAtt": ["Key", "Arn"]}}}

test_sse_s3_artifacts_are_denied if {
	some r in canary_artifact_encryption.deny with input as tpl({"C": canary({"ArtifactConfig": {"S3Encryption": {"EncryptionMode": "SSE_S3"}}})})
	r.resource == "C"
	r.path == ["Properties", "ArtifactConfig", "S3Encryption", "EncryptionMode"]
	contains(r.msg, "EncryptionMode SSE_S3")
}

test_missing_artifact_config_is_denied if {
	some r in canary_artifact_encryption.deny with input as tpl({"C": canary({})})
	contains(r.msg, "no S3Encryption")
}

test_kms_artifacts_pass if {
	count(canary_artifact_encryption.deny) == 0 with input as tpl({"C": canary({"ArtifactConfig": kms})})
}

test_lower_case_mode_is_denied if {
	some r in canary_artifact_encryption.deny with input as tpl({"C": canary({"ArtifactConfig": {"S3Encryption": {"EncryptionMode": "sse_kms"}}})})
	r.resource == "C"
}

if_tpl := {
	"Parameters": {"Env": {"Type": "String", "AllowedValues": ["prod", "dev"]}},
	"Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
	"Resources": {"C": canary({"ArtifactConfig": {"Fn::If": ["IsProd", kms, {"S3Encryption": {"EncryptionMode": "SSE_S3"}}]}})},
}

test_sse_s3_branch_is_denied if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == false
	some r in canary_artifact_encryption.deny with input as v.template
	r.resource == "C"
}

test_kms_branch_passes if {
	some v in cfn.variants(if_tpl)
	v.conditions.IsProd == true
	count(canary_artifact_encryption.deny) == 0 with input as v.template
}

test_parameter_default_sse_s3_is_denied if {
	t := {"Parameters": {"Mode": {"Type": "String", "Default": "SSE_S3"}}, "Resources": {"C": canary({"ArtifactConfig": {"S3Encryption": {"EncryptionMode": {"Ref": "Mode"}}}})}}
	some v in cfn.variants(t)
	some r in canary_artifact_encryption.deny with input as v.template
	r.resource == "C"
}

test_cdk_canary_with_kms_passes if {
	count(canary_artifact_encryption.deny) == 0 with input as tpl({"ApiCanaryDF7961FA": {
		"Type": "AWS::Synthetics::Canary",
		"Properties": {
			"Name": "payments-api",
			"ArtifactS3Location": {"Fn::Join": ["", ["s3://", {"Ref": "CanaryArtifacts16B34762"}]]},
			"ArtifactConfig": {"S3Encryption": {"EncryptionMode": "SSE_KMS", "KmsKeyArn": {"Fn::GetAtt": ["ApiKeyF9DDEE66", "Arn"]}}},
			"ExecutionRoleArn": {"Fn::GetAtt": ["ApiCanaryServiceRole1A2B3C4D", "Arn"]},
			"RuntimeVersion": "syn-nodejs-puppeteer-9.1",
			"Schedule": {"Expression": "rate(5 minutes)"},
			"Code": {"Handler": "index.handler", "Script": "exports.handler = async () => {};"},
		},
		"Metadata": {"aws:cdk:path": "app/ApiCanary/Resource"},
	}})
}
