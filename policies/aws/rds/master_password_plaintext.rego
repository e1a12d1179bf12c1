# METADATA
# title: Database master passwords are not written into templates
# description: >-
#   A master password given as a literal (or through a parameter without
#   NoEcho, whose value CloudFormation shows) is stored in the template, in
#   the CDK cloud assembly, in source control and in the stack's template
#   history, readable to anyone with cloudformation:GetTemplate. It cannot
#   be rotated without a deployment and is shared across every environment
#   built from the template.
# custom:
#   id: RDS.003
#   severity: critical
#   resource_types: [AWS::RDS::DBInstance, AWS::RDS::DBCluster, AWS::Redshift::Cluster, AWS::DocDB::DBCluster, AWS::Neptune::DBCluster, AWS::Redshift::ServerlessNamespace]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5, IA-5(7), SC-28]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.6.2"]
#   remediation: |-
#     Let RDS manage the password (`ManageMasterUserPassword: true`) or resolve it from Secrets Manager with a `{{resolve:secretsmanager:...}}` dynamic reference; never put the value in the template.
#     ```ts
#     new rds.DatabaseInstance(this, 'Db', {
#       engine, vpc,
#       credentials: rds.Credentials.fromGeneratedSecret('ledger_admin'),
#       // never: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('...'))
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.rds.master_password_plaintext

import rego.v1

import data.regent.aws_iam

database_types := {
	"AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::Redshift::Cluster",
	"AWS::DocDB::DBCluster", "AWS::Neptune::DBCluster", "AWS::Redshift::ServerlessNamespace",
}

password_property := {"AWS::Redshift::ServerlessNamespace": "AdminUserPassword"}

deny contains result if {
	some id, r in input.Resources
	r.Type in database_types
	property := object.get(password_property, r.Type, "MasterUserPassword")
	password := r.Properties[property]
	aws_iam.plaintext_value(password)
	result := {
		"msg": sprintf("%s: %s %s is hard-coded in the template (%s); expected a {{resolve:secretsmanager:...}} dynamic reference or ManageMasterUserPassword", [id, r.Type, property, how(password)]),
		"resource": id,
		"path": ["Properties", property],
	}
}

how(v) := sprintf("Ref to parameter %s without NoEcho", [v.Ref]) if {
	is_object(v)
	v.Ref
} else := "literal value"
