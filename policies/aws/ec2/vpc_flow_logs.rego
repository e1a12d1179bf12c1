# METADATA
# title: VPCs have flow logs enabled
# description: >-
#   Without VPC flow logs there is no record of which addresses talked to
#   which instances, ports and endpoints, so scanning, lateral movement and
#   data exfiltration cannot be detected or reconstructed after an incident.
# custom:
#   id: EC2.006
#   severity: medium
#   remediation: >-
#     Add an AWS::EC2::FlowLog with `ResourceType: VPC`, `ResourceId` the VPC
#     and `TrafficType: ALL`, delivered to an encrypted log group or bucket
#     (CDK: `flowLogs: {all: {trafficType: ec2.FlowLogTrafficType.ALL}}` on
#     `ec2.Vpc`, or `vpc.addFlowLog('All')`).
#   frameworks:
#     nist-800-53: [AU-2, AU-12, SI-4]
#   aliases:
#     cdk_nag: [AwsSolutions-VPC7]
package regent.aws.ec2.vpc_flow_logs

import rego.v1

import data.regent.cfn

has_flow_log(vpc) if {
	some _, f in cfn.resources("AWS::EC2::FlowLog")
	some v in array.concat(cfn.as_array(object.get(f.Properties, "ResourceId", [])), cfn.as_array(object.get(f.Properties, "ResourceIds", [])))
	cfn.references(v, vpc)
}

deny contains result if {
	some id, _ in cfn.resources("AWS::EC2::VPC")
	not has_flow_log(id)
	result := {
		"msg": sprintf("%s: VPC has no flow log; expected an AWS::EC2::FlowLog with ResourceId referencing it", [id]),
		"resource": id,
		"path": [],
	}
}
