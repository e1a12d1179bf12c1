# METADATA
# title: CloudFront distributions have access logging enabled
# description: >-
#   Without standard (or v2) access logs there is no record of who requested
#   what from the edge: scraping, credential stuffing, path probing and data
#   exfiltration through the CDN go undetected and cannot be investigated.
# custom:
#   id: CLOUDFRONT.004
#   severity: medium
#   remediation: >-
#     Set `DistributionConfig.Logging.Bucket` to a log bucket (CDK:
#     `enableLogging: true, logBucket: bucket`), or deliver v2 logs with an
#     AWS::Logs::DeliverySource for the distribution.
#   frameworks:
#     nist-800-53: [AU-2, AU-12]
#   aliases:
#     cfn_nag: [W10]
#     checkov: [CKV_AWS_86]
#     cdk_nag: [AwsSolutions-CFR3]
package regent.aws.cloudfront.access_logging

import rego.v1

import data.regent.cfn

v2_logging(id) if {
	some _, s in cfn.resources("AWS::Logs::DeliverySource")
	walk(s.Properties.ResourceArn, [_, v])
	cfn.references(v, id)
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	not r.Properties.DistributionConfig.Logging.Bucket
	not v2_logging(id)
	result := {
		"msg": sprintf("%s: CloudFront distribution has no access logging; expected DistributionConfig.Logging with a Bucket", [id]),
		"resource": id,
		"path": ["Properties", "DistributionConfig"],
	}
}
