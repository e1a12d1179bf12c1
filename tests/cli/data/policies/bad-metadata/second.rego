# Uses the id of another control, and claims approval without a reviewer.
# METADATA
# title: Second control
# custom:
#   id: BAD.001
#   threats: [T01]
#   mitigations: [M01]
#   approval:
#     status: approved
package acme.bad.second

import rego.v1

deny contains "y" if input.y
