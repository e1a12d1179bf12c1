# METADATA
# title: RDS databases have IAM database authentication enabled
# description: >-
#   Without IAM database authentication every client needs a long-lived
#   database password; with it, applications connect with short-lived
#   tokens issued to their IAM role, access is granted and revoked in IAM
#   and every connection is tied to an identity. Checked for the MySQL,
#   MariaDB and PostgreSQL engines that support it.
# custom:
#   id: RDS.008
#   severity: low
#   resource_types: [AWS::RDS::DBCluster, AWS::RDS::DBInstance]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-2, IA-5, AC-2]
#     soc2: [CC6.1]
#   remediation: |-
#     Set `EnableIAMDatabaseAuthentication: true` and grant `rds-db:connect` to the application role.
#     ```ts
#     const db = new rds.DatabaseInstance(this, 'Db', { engine, vpc, iamAuthentication: true });
#     db.grantConnect(appRole, 'app_user');
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-RDS6]
#     control_tower: [CT.RDS.PR.4, CT.RDS.PR.7]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.iam_authentication

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

supported(r) if {
	engine := cfn.property(r, ["Engine"], "")
	is_string(engine)
	regex.match(`^(aurora|aurora-mysql|aurora-postgresql|mysql|mariadb|postgres)$`, lower(engine))
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBCluster")
	result := check(id, "DB cluster", r)
}

deny contains result if {
	some id, r in cfn.resources("AWS::RDS::DBInstance")
	not r.Properties.DBClusterIdentifier
	result := check(id, "DB instance", r)
}

check(id, kind, r) := {
	"msg": sprintf("%s: RDS %s does not enable IAM database authentication; expected EnableIAMDatabaseAuthentication: true", [id, kind]),
	"resource": id,
	"path": path(r),
} if {
	supported(r)
	not aws_iam.is_true(cfn.property(r, ["EnableIAMDatabaseAuthentication"], false))
}

path(r) := ["Properties", "EnableIAMDatabaseAuthentication"] if {
	"EnableIAMDatabaseAuthentication" in object.keys(r.Properties)
} else := ["Properties"]
