# METADATA
# title: EC2 instances have detailed monitoring enabled
# description: >-
#   Basic monitoring reports metrics every 5 minutes, too coarse to alarm
#   quickly on the CPU or network spikes of crypto-mining, scanning or
#   exfiltration from a compromised instance. Advisory.
# custom:
#   id: EC2.008
#   severity: low
#   remediation: >-
#     Set `Monitoring: true` on the instance (CDK: `detailedMonitoring: true`).
#   frameworks:
#     nist-800-53: [SI-4, AU-12]
#   aliases:
#     checkov: [CKV_AWS_126]
#     cdk_nag: [AwsSolutions-EC28]
package regent.aws.ec2.instance_detailed_monitoring

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

warn contains result if {
	some id, r in cfn.resources("AWS::EC2::Instance")
	not aws_iam.is_true(cfn.property(r, ["Monitoring"], false))
	result := {
		"msg": sprintf("%s: EC2 instance has only basic (5-minute) monitoring; expected Monitoring: true", [id]),
		"resource": id,
		"path": path(r),
	}
}

path(r) := ["Properties", "Monitoring"] if {
	"Monitoring" in object.keys(r.Properties)
} else := ["Properties"]
