# METADATA
# title: CodePipeline artifact stores use a customer-managed KMS key
# description: >-
#   Without an `EncryptionKey` the pipeline encrypts artifacts (source code,
#   build output about to be deployed) with the AWS-managed aws/s3 key: the
#   key cannot be restricted to the pipeline's roles or shared with
#   deployment accounts, so read access to the bucket is read access to
#   every artifact.
# custom:
#   id: CODEPIPELINE.002
#   severity: medium
#   resource_types: [AWS::CodePipeline::Pipeline]
#   threats: [T01]
#   mitigations: [M01]
#   frameworks:
#     nist-800-53: [SC-28, SC-12]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `ArtifactStore.EncryptionKey: {Id: <key ARN>, Type: KMS}`, and the
#     same in each `ArtifactStores[]` entry.
#     ```ts
#     new codepipeline.Pipeline(this, 'Pipeline', {
#       crossAccountKeys: true,
#       enableKeyRotation: true,
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.codepipeline.artifact_store_kms

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

stores(r) := {[["Properties", "ArtifactStore"], r.Properties.ArtifactStore] | r.Properties.ArtifactStore} | {x |
	some i, s in r.Properties.ArtifactStores
	x := [["Properties", "ArtifactStores", i, "ArtifactStore"], s.ArtifactStore]
}

deny contains result if {
	some id, r in cfn.resources("AWS::CodePipeline::Pipeline")
	some [path, store] in stores(r)
	not aws_iam.customer_managed_key(object.get(store, ["EncryptionKey", "Id"], null))
	result := {
		"msg": sprintf("%s: pipeline artifact store is encrypted with the AWS-managed S3 key; expected EncryptionKey with a customer-managed KMS key", [id]),
		"resource": id,
		"path": path,
	}
}
