# METADATA
# title: S3 bucket policies deny requests that do not use TLS
# description: >-
#   S3 accepts plain-HTTP requests unless the bucket policy denies them, so
#   clients (or a misconfigured SDK endpoint) can send credentials-signed
#   requests and object data in clear text. The standard control is a Deny
#   statement on `aws:SecureTransport: false`. Buckets with no bucket
#   policy at all are reported on the bucket.
# custom:
#   id: S3.005
#   severity: medium
#   resource_types: [AWS::S3::Bucket, AWS::S3::BucketPolicy]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-13]
#     soc2: [CC6.7]
#     cis-aws: ["2.1.1"]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Add a bucket policy statement that denies `s3:*` on the bucket and its objects to `Principal: "*"` when `aws:SecureTransport` is `false`.
#     ```ts
#     new s3.Bucket(this, 'Data', {
#       enforceSSL: true,
#       minimumTLSVersion: 1.2,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-S10]
#     control_tower: [CT.S3.PR.8]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_policy_tls_only

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# Bucket policies of a bucket: by reference, or by the bucket's literal name.
policy_of(bucket) := {pid |
	some pid, p in cfn.resources("AWS::S3::BucketPolicy")
	names_bucket(p.Properties.Bucket, bucket)
}

names_bucket(v, bucket) if cfn.references(v, bucket)

names_bucket(v, bucket) if {
	is_string(v)
	v == input.Resources[bucket].Properties.BucketName
}

deny contains result if {
	some id, p in cfn.resources("AWS::S3::BucketPolicy")
	not aws_iam.denies_insecure_transport(p.Properties.PolicyDocument)
	result := {
		"msg": sprintf("%s: bucket policy does not deny requests without TLS, so object data and signed requests may travel in clear text; add a Deny statement with condition aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties", "PolicyDocument"],
	}
}

deny contains result if {
	some id, _ in cfn.resources("AWS::S3::Bucket")
	count(policy_of(id)) == 0
	result := {
		"msg": sprintf("%s: S3 bucket has no bucket policy, so requests without TLS are allowed and object data may travel in clear text; add a bucket policy that denies aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}
