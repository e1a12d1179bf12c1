# METADATA
# title: RDS DB instances receive minor engine version upgrades
# description: >-
#   Minor engine versions carry security fixes. `AutoMinorVersionUpgrade:
#   false` leaves the instance on a vulnerable version until someone
#   upgrades it by hand.
# custom:
#   id: RDS.011
#   severity: low
#   remediation: >-
#     Remove `AutoMinorVersionUpgrade: false` or set it to true (CDK:
#     `autoMinorVersionUpgrade: true`), with a `PreferredMaintenanceWindow`.
#   frameworks:
#     nist-800-53: [SI-2]
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
