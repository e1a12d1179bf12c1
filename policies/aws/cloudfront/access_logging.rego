# METADATA
# title: CloudFront distributions have access logging enabled
# description: >-
#   Without standard (or v2) access logs there is no record of who requested
#   what from the edge: scraping, credential stuffing, path probing and data
#   exfiltration through the CDN go undetected and cannot be investigated.
# custom:
#   id: CLOUDFRONT.004
#   severity: medium
#   resource_types: [AWS::CloudFront::Distribution, AWS::Logs::DeliverySource]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Send standard logs to a log bucket (`DistributionConfig.Logging.Bucket`), or deliver
#     v2 logs with an `AWS::Logs::DeliverySource` for the distribution.
#     ```ts
#     new cloudfront.Distribution(this, 'Distribution', {
#       defaultBehavior: { origin },
#       enableLogging: true,
#       logBucket: cloudFrontLogsBucket,
#       logFilePrefix: 'cdn/',
#     });
#     ```
#   aliases:
#     cfn_nag: [W10]
#     checkov: [CKV_AWS_86]
#     cdk_nag: [AwsSolutions-CFR3]
#     control_tower: [CT.CLOUDFRONT.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.cloudfront.access_logging

import rego.v1

import data.regent.aws_web
import data.regent.cfn

# A v2 (CloudWatch Logs delivery) source for the distribution.
v2_logging(id) if {
	some s in cfn.resources("AWS::Logs::DeliverySource")
	aws_web.mentions(cfn.property(s, ["ResourceArn"], null), id)
}

standard_logging(r) if {
	bucket := cfn.property(r, ["DistributionConfig", "Logging", "Bucket"], null)
	bucket != null
	bucket != ""
}

deny contains result if {
	some id, r in cfn.resources("AWS::CloudFront::Distribution")
	not standard_logging(r)
	not v2_logging(id)
	result := {
		"msg": sprintf("%s: CloudFront distribution has no access logging; expected DistributionConfig.Logging with a Bucket", [id]),
		"resource": id,
		"path": ["Properties", "DistributionConfig"],
	}
}
