# METADATA
# title: Database credential secrets are rotated automatically
# description: >-
#   A database password that never changes stays valid for as long as any
#   copy of it exists: in old task definitions, developer laptops, logs or a
#   departed employee's notes. Secrets Manager can rotate database
#   credentials on a schedule with AWS-provided rotation functions; a secret
#   attached to an RDS, Aurora, Redshift or DocumentDB target (or resolved
#   into a master password) without an AWS::SecretsManager::RotationSchedule
#   is never rotated.
# custom:
#   id: SECRETSMANAGER.002
#   severity: medium
#   resource_types: [AWS::SecretsManager::Secret, AWS::SecretsManager::SecretTargetAttachment, AWS::SecretsManager::RotationSchedule, AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::Redshift::Cluster, AWS::DocDB::DBCluster, AWS::DocDB::DBInstance]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5(1), IA-5]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.6.3"]
#   remediation: |-
#     Add an `AWS::SecretsManager::RotationSchedule` for the secret (or its attachment) with a hosted rotation Lambda and a schedule such as `rate(30 days)`.
#     ```ts
#     cluster.addRotationSingleUser({ automaticallyAfter: Duration.days(30) });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-SMG4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.secretsmanager.database_secret_rotation

import rego.v1

import data.regent.cfn

database_types := {
	"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::Redshift::Cluster",
	"AWS::DocDB::DBCluster", "AWS::DocDB::DBInstance",
}

# The secret is attached to a database, or resolved into a master password.
database_secret(sid) if {
	some _, a in cfn.resources("AWS::SecretsManager::SecretTargetAttachment")
	cfn.references(a.Properties.SecretId, sid)
}

database_secret(sid) if {
	some _, db in input.Resources
	db.Type in database_types
	walk(object.get(db, ["Properties", "MasterUserPassword"], null), [_, v])
	cfn.references(v, sid)
}

# Ids under which the secret can be named: itself and its attachments (a Ref
# to an attachment returns the secret's ARN).
aliases(sid) := {sid} | {aid |
	some aid, a in cfn.resources("AWS::SecretsManager::SecretTargetAttachment")
	cfn.references(a.Properties.SecretId, sid)
}

rotated(sid) if {
	some _, rs in cfn.resources("AWS::SecretsManager::RotationSchedule")
	some target in aliases(sid)
	cfn.references(rs.Properties.SecretId, target)
}

deny contains result if {
	some id, _ in cfn.resources("AWS::SecretsManager::Secret")
	database_secret(id)
	not rotated(id)
	result := {
		"msg": sprintf("%s: database credential secret has no rotation schedule, so a leaked password stays valid indefinitely; expected an AWS::SecretsManager::RotationSchedule for it", [id]),
		"resource": id,
		"path": [],
	}
}
