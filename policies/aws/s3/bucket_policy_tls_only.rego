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
#   remediation: >-
#     Add a statement `{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
#     "Resource": [bucket ARN, bucket ARN/*], "Condition": {"Bool":
#     {"aws:SecureTransport": "false"}}}` (CDK: `enforceSSL: true`, and
#     `minimumTLSVersion: 1.2`).
#   frameworks:
#     nist-800-53: [SC-8, SC-13]
#   aliases:
#     cdk_nag: [AwsSolutions-S10]
package regent.aws.s3.bucket_policy_tls_only

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

policy_of(bucket) := {pid |
	some pid, p in cfn.resources("AWS::S3::BucketPolicy")
	cfn.references(p.Properties.Bucket, bucket)
}

deny contains result if {
	some id, p in cfn.resources("AWS::S3::BucketPolicy")
	not aws_iam.denies_insecure_transport(p.Properties.PolicyDocument)
	result := {
		"msg": sprintf("%s: bucket policy does not deny requests without TLS; expected a Deny statement with condition aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties", "PolicyDocument"],
	}
}

deny contains result if {
	some id, _ in cfn.resources("AWS::S3::Bucket")
	count(policy_of(id)) == 0
	result := {
		"msg": sprintf("%s: S3 bucket has no bucket policy, so requests without TLS are allowed; expected a policy denying aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}
