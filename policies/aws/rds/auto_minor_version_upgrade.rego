# METADATA
# title: RDS DB instances receive minor engine version upgrades
# description: >-
#   Minor engine versions carry security fixes. `AutoMinorVersionUpgrade:
#   false` leaves the instance on a vulnerable version until someone
#   upgrades it by hand.
# custom:
#   id: RDS.011
#   severity: low
#   resource_types: [AWS::RDS::DBInstance]
#   threats: [T11]
#   mitigations: [M11]
#   frameworks:
#     nist-800-53: [SI-2]
#     soc2: [CC7.1]
#     cis-aws: ["2.3.2"]
#     pci-dss-4.0: ["6.3.3"]
#   remediation: |-
#     Remove `AutoMinorVersionUpgrade: false` or set it to true, with a `PreferredMaintenanceWindow`.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', {
#       engine, vpc,
#       autoMinorVersionUpgrade: true,
#       preferredMaintenanceWindow: 'Sun:02:00-Sun:03:00',
#     });
#     ```
#   aliases:
#     control_tower: [CT.RDS.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.auto_minor_version_upgrade

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	aws_iam.is_false(r.Properties.AutoMinorVersionUpgrade)
	result := {
		"msg": sprintf("%s: RDS DB instance has automatic minor version upgrades off; expected AutoMinorVersionUpgrade: true", [id]),
		"resource": id,
		"path": ["Properties", "AutoMinorVersionUpgrade"],
	}
}
