# METADATA
# title: S3 buckets have server access logging enabled
# description: >-
#   Without server access logs there is no record of who read, wrote or
#   deleted objects, which leaves data exfiltration and tampering
#   undetectable and incident response blind (CloudTrail data events are
#   not enabled by default). Buckets that are themselves log destinations
#   (S3 server access logs, CloudFront standard logs, load balancer access
#   logs) are not required to log, since logging them would recurse.
# custom:
#   id: S3.004
#   severity: medium
#   resource_types: [AWS::S3::Bucket, AWS::CloudFront::Distribution, AWS::ElasticLoadBalancingV2::LoadBalancer, AWS::ElasticLoadBalancing::LoadBalancer]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12]
#     soc2: [CC7.2]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Add `LoggingConfiguration` with `DestinationBucketName` set to a dedicated log bucket.
#     ```ts
#     new s3.Bucket(this, 'Data', {
#       serverAccessLogsBucket: logBucket,
#       serverAccessLogsPrefix: 'data/',
#     });
#     ```
#   aliases:
#     cfn_nag: [W35]
#     checkov: [CKV_AWS_18]
#     cdk_nag: [AwsSolutions-S1]
#     control_tower: [CT.S3.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.s3.bucket_access_logging

import rego.v1

import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::S3::Bucket")
	not r.Properties.LoggingConfiguration
	not log_destination(id)
	result := {
		"msg": sprintf("%s: S3 bucket has no server access logging, so reads, writes and deletes of its objects leave no record to detect or investigate misuse; set LoggingConfiguration with a DestinationBucketName", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}

# Is the bucket a destination for logs (S3 server access logs of another
# bucket, CloudFront standard logging, ELB access logs)?  Used by other S3
# controls too.
log_destination(id) if {
	some other, b in cfn.resources("AWS::S3::Bucket")
	other != id
	cfn.references(b.Properties.LoggingConfiguration.DestinationBucketName, id)
}

log_destination(id) if {
	some _, d in cfn.resources("AWS::CloudFront::Distribution")
	cfn.references(d.Properties.DistributionConfig.Logging.Bucket, id)
}

log_destination(id) if {
	some _, lb in cfn.resources("AWS::ElasticLoadBalancingV2::LoadBalancer")
	some attr in lb.Properties.LoadBalancerAttributes
	attr.Key == "access_logs.s3.bucket"
	cfn.references(attr.Value, id)
}

log_destination(id) if {
	some _, lb in cfn.resources("AWS::ElasticLoadBalancing::LoadBalancer")
	cfn.references(lb.Properties.AccessLoggingPolicy.S3BucketName, id)
}
