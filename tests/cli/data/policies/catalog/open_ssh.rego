# A control outside regent.aws: its service is its id's prefix.
# METADATA
# title: Security groups do not open SSH | RDP to the internet
# description: Remote administration ports open to 0.0.0.0/0 invite brute force.
# custom:
#   id: NET.002
#   severity: critical
#   resource_types: [AWS::EC2::SecurityGroup, AWS::EC2::SecurityGroupIngress]
#   threats: [T07, T03]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-17, AC-4]
#     cis-aws: ["5.2"]
#   approval:
#     status: pending
package acme.network.open_admin_ports

import rego.v1

deny contains "admin port open" if {
	some r in input.Resources
	r.Type == "AWS::EC2::SecurityGroup"
	some rule in r.Properties.SecurityGroupIngress
	rule.CidrIp == "0.0.0.0/0"
	rule.FromPort in {22, 3389}
}
