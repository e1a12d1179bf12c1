# METADATA
# title: RDS DB instances are deployed across multiple Availability Zones
# description: >-
#   A single-AZ instance is unavailable during an AZ outage, host failure or
#   many maintenance operations, and recovering means restoring from backup
#   with data loss up to the last log upload. Aurora cluster members are not
#   checked (availability comes from the cluster's instances).
# custom:
#   id: RDS.010
#   severity: low
#   resource_types: [AWS::RDS::DBInstance]
#   threats: [T09, T12]
#   mitigations: [M09, M12]
#   frameworks:
#     nist-800-53: [CP-10, SC-36]
#     soc2: [A1.2]
#   remediation: |-
#     Set `MultiAZ: true` on the stand-alone DB instance.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', { engine, vpc, multiAz: true });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-RDS3]
#     control_tower: [CT.RDS.PR.1]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.multi_az

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	not aws_iam.is_true(cfn.property(r, ["MultiAZ"], false))
	result := {
		"msg": sprintf("%s: RDS DB instance runs in a single Availability Zone; expected MultiAZ: true", [id]),
		"resource": id,
		"path": path(r),
	}
}

path(r) := ["Properties", "MultiAZ"] if {
	"MultiAZ" in object.keys(r.Properties)
} else := ["Properties"]
