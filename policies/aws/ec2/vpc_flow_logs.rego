# METADATA
# title: VPCs have flow logs enabled
# description: >-
#   Without VPC flow logs there is no record of which addresses talked to
#   which instances, ports and endpoints, so scanning, lateral movement and
#   data exfiltration cannot be detected or reconstructed after an incident.
#   A VPC passes when an AWS::EC2::FlowLog of the template names it in
#   `ResourceId` or `ResourceIds`.
# custom:
#   id: EC2.006
#   severity: medium
#   resource_types: [AWS::EC2::VPC, AWS::EC2::FlowLog]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-2, AU-12, SI-4]
#     soc2: [CC7.2]
#     cis-aws: ["3.7"]
#     pci-dss-4.0: ["10.2.1"]
#   remediation: |-
#     Add an AWS::EC2::FlowLog with `ResourceType: VPC`, `ResourceId` the VPC and `TrafficType: ALL`, delivered to an encrypted log group or bucket.
#     ```ts
#     const vpc = new ec2.Vpc(this, 'Vpc', {
#       flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-VPC7]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
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
