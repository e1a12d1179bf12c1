# METADATA
# title: RDS parameter groups require TLS connections
# description: >-
#   A parameter group that sets `rds.force_ssl` to 0 (PostgreSQL, SQL
#   Server) or leaves `require_secure_transport` off (MySQL, MariaDB) lets
#   clients connect without TLS, so credentials and query results cross the
#   network in clear text and can be read or altered by anyone on the path.
# custom:
#   id: RDS.006
#   severity: high
#   resource_types: [AWS::RDS::DBParameterGroup, AWS::RDS::DBClusterParameterGroup]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1), SC-13]
#     soc2: [CC6.7]
#   remediation: |-
#     Set `rds.force_ssl: "1"` (PostgreSQL, Aurora PostgreSQL, SQL Server) or `require_secure_transport: "ON"` (MySQL, MariaDB, Aurora MySQL) in the DB (cluster) parameter group's `Parameters`.
#     ```ts
#     new rds.ParameterGroup(this, 'Params', {
#       engine: rds.DatabaseClusterEngine.auroraPostgres({ version }),
#       parameters: { 'rds.force_ssl': '1' },
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.parameter_group_tls

import rego.v1

import data.regent.cfn

group_types := {"AWS::RDS::DBParameterGroup", "AWS::RDS::DBClusterParameterGroup"}

on_values := {"1", "on", "true"}

setting(value) := lower(sprintf("%v", [value]))

deny contains result if {
	some id, r in input.Resources
	r.Type in group_types
	value := r.Properties.Parameters["rds.force_ssl"]
	not cfn.is_intrinsic(value)
	not setting(value) in on_values
	result := {
		"msg": sprintf("%s: parameter group sets rds.force_ssl to %v, so clients may connect without TLS; expected rds.force_ssl: \"1\"", [id, value]),
		"resource": id,
		"path": ["Properties", "Parameters", "rds.force_ssl"],
	}
}

deny contains result if {
	some id, r in input.Resources
	r.Type in group_types
	family := cfn.property(r, ["Family"], "")
	is_string(family)
	regex.match(`^(aurora-mysql|mysql|mariadb)`, lower(family))
	value := cfn.property(r, ["Parameters", "require_secure_transport"], "OFF")
	not cfn.is_intrinsic(value)
	not setting(value) in on_values
	result := {
		"msg": sprintf("%s: MySQL/MariaDB parameter group does not set require_secure_transport (%v), so clients may connect without TLS; expected require_secure_transport: \"ON\"", [id, value]),
		"resource": id,
		"path": path(r),
	}
}

path(r) := ["Properties", "Parameters", "require_secure_transport"] if {
	r.Properties.Parameters.require_secure_transport
} else := ["Properties", "Parameters"]
