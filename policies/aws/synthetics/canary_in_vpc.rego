# METADATA
# title: CloudWatch Synthetics canaries should run in a VPC
# description: >-
#   A canary runs a headless browser or scripted HTTP client on a Lambda
#   function with the canary's IAM role.  Outside a VPC it has unrestricted
#   internet egress: a compromised or tampered canary script (or a page it
#   visits) can exfiltrate the role's credentials and the data it handles,
#   and private endpoints can only be tested by exposing them publicly.
# custom:
#   id: SYNTHETICS.001
#   severity: low
#   resource_types: [AWS::Synthetics::Canary]
#   threats: [T07]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4]
#     soc2: [CC6.6]
#   remediation: |-
#     Set `VPCConfig` (`VpcId`, private `SubnetIds`, `SecurityGroupIds` with
#     restrictive egress) on the canary and reach AWS services through VPC
#     endpoints.
#     ```ts
#     new synthetics.Canary(this, 'Canary', {
#       // ...
#       vpc,
#       vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
#       securityGroups: [canarySg],
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.synthetics.canary_in_vpc

import rego.v1

import data.regent.aws_web
import data.regent.cfn

deny contains result if {
	some id, canary in cfn.resources("AWS::Synthetics::Canary")
	some subnets in aws_web.values(cfn.property(canary, ["VPCConfig", "SubnetIds"], null))
	empty(subnets)
	result := {
		"msg": sprintf("Synthetics canary %s does not run in a VPC (no VPCConfig subnets)", [id]),
		"resource": id,
		"path": ["Properties", "VPCConfig"],
	}
}

empty(subnets) if subnets == null

empty(subnets) if {
	is_array(subnets)
	count(subnets) == 0
}
