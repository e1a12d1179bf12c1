# A warn-only control with little metadata: no approval block (pending).
# METADATA
# title: Log groups keep logs for a year
# custom:
#   id: NET.010
#   severity: low
#   resource_types: AWS::Logs::LogGroup
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-11]
package regent.aws.logs.retention

import rego.v1

warn contains "log group without retention" if {
	some r in input.Resources
	r.Type == "AWS::Logs::LogGroup"
	not r.Properties.RetentionInDays
}
