# METADATA
# title: ElastiCache AUTH tokens are not written into templates
# description: >-
#   An `AuthToken` given as a literal (or through a parameter without
#   NoEcho) is stored in the template, the CDK cloud assembly, source
#   control and the stack's template history, readable to anyone with
#   cloudformation:GetTemplate, and it is the only secret between a client
#   in the VPC and every cached record. It cannot be rotated without a
#   deployment.
# custom:
#   id: ELASTICACHE.007
#   severity: high
#   resource_types: [AWS::ElastiCache::ReplicationGroup]
#   threats: [T06]
#   mitigations: [M06]
#   frameworks:
#     nist-800-53: [IA-5, IA-5(7)]
#     soc2: [CC6.1]
#     pci-dss-4.0: ["8.6.2"]
#   remediation: |-
#     Resolve the token from Secrets Manager with a `{{resolve:secretsmanager:...}}` dynamic reference (or a NoEcho parameter), or replace it with RBAC user groups.
#     ```ts
#     const token = new secretsmanager.Secret(this, 'RedisAuth', {
#       generateSecretString: { excludePunctuation: true, passwordLength: 64 },
#     });
#     new elasticache.CfnReplicationGroup(this, 'Sessions', {
#       replicationGroupDescription: 'sessions', engine: 'redis', cacheNodeType: 'cache.t4g.small',
#       transitEncryptionEnabled: true,
#       authToken: token.secretValue.unsafeUnwrap(), // a {{resolve:secretsmanager:...}} reference, not the value
#     });
#     ```
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.elasticache.auth_token_plaintext

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

deny contains result if {
	some id, r in cfn.resources("AWS::ElastiCache::ReplicationGroup")
	token := r.Properties.AuthToken
	aws_iam.plaintext_value(token)
	result := {
		"msg": sprintf("%s: ElastiCache AuthToken is hard-coded in the template (%s); expected a {{resolve:secretsmanager:...}} dynamic reference", [id, how(token)]),
		"resource": id,
		"path": ["Properties", "AuthToken"],
	}
}

how(v) := sprintf("Ref to parameter %s without NoEcho", [v.Ref]) if {
	is_object(v)
	v.Ref
} else := "literal value"
