# Malformed metadata: every field wrongly typed or out of range.
# METADATA
# title: [not, a, string]
# custom:
#   id: BAD.001
#   severity: urgent
#   resource_types: [S3 bucket]
#   threats: {T01: yes}
#   mitigations: [M1, M02]
#   frameworks:
#     nist-800-53: [AC-2, 3.10]
#     soc2: CC6.1
#   aliases: [W41]
#   approval:
#     status: aproved
package acme.bad.first

import rego.v1

deny contains "x" if input.x
