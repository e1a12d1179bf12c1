# METADATA
# title: RDS databases do not use a default master user name
# description: >-
#   Default administrator names (`admin`, `postgres`, `root`, `sa`, ...) are
#   the first guess of every credential-stuffing tool, leaving only the
#   password to find. A non-default name is a cheap extra hurdle. Advisory.
# custom:
#   id: RDS.012
#   severity: low
#   resource_types: [AWS::RDS::DBInstance, AWS::RDS::DBCluster]
#   threats: [T07]
#   mitigations: [M03]
#   frameworks:
#     nist-800-53: [IA-5, CM-6]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["2.2.2"]
#   remediation: |-
#     Choose a non-default `MasterUsername`.
#     ```ts
#     new rds.DatabaseCluster(this, 'Ledger', {
#       engine, writer, vpc,
#       credentials: rds.Credentials.fromGeneratedSecret('ledger_admin'),
#     });
#     ```
#   aliases:
#     control_tower: [CT.RDS.PR.21, CT.RDS.PR.22]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.default_master_username

import rego.v1

default_names := {"admin", "administrator", "postgres", "root", "sa", "master", "mysql", "awsuser", "dbadmin", "rdsadmin"}

warn contains result if {
	some id, r in input.Resources
	r.Type in {"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"}
	name := r.Properties.MasterUsername
	is_string(name)
	lower(name) in default_names
	result := {
		"msg": sprintf("%s: RDS master user name is the default %q; expected a non-default administrator name", [id, name]),
		"resource": id,
		"path": ["Properties", "MasterUsername"],
	}
}
