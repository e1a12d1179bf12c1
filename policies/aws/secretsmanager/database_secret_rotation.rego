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
#   remediation: >-
#     Add an AWS::SecretsManager::RotationSchedule for the secret (or its
#     SecretTargetAttachment) with `HostedRotationLambda` or a rotation Lambda
#     and `RotationRules.ScheduleExpression` such as `rate(30 days)` (CDK:
#     `cluster.addRotationSingleUser()` / `instance.addRotationSingleUser()`).
#   frameworks:
#     nist-800-53: [IA-5(1), IA-5]
#   aliases:
#     cdk_nag: [AwsSolutions-SMG4]
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
		"msg": sprintf("%s: database credential secret has no rotation schedule; expected an AWS::SecretsManager::RotationSchedule for it", [id]),
		"resource": id,
		"path": [],
	}
}
