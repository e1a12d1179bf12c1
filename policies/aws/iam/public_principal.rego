# METADATA
# title: Trust and resource policies do not allow any principal without a condition
# description: >-
#   An Allow statement with `Principal: "*"` (or `{"AWS": "*"}`, or
#   NotPrincipal) and no condition that pins the caller to an account,
#   organization, network or source lets every AWS account use it: in a
#   role's trust policy anyone can assume the role and act with its
#   permissions; in an SNS topic policy, an SQS queue policy, a Secrets
#   Manager resource policy or an ECR repository policy anyone can publish
#   to the topic, read or send messages, read the secret or pull the images.
#   Bucket, key and Lambda permission policies are checked by their own
#   controls (S3.006, KMS.002, LAMBDA.003).
# custom:
#   id: IAM.012
#   severity: critical
#   resource_types: [AWS::IAM::Role, AWS::SNS::TopicPolicy, AWS::SQS::QueuePolicy, AWS::SecretsManager::ResourcePolicy, AWS::ECR::Repository]
#   threats: [T04, T03]
#   mitigations: [M04, M03]
#   frameworks:
#     nist-800-53: [AC-3, AC-6]
#     soc2: [CC6.1, CC6.6]
#   remediation: |-
#     Name the principals that need access (accounts, roles, service principals), or add a condition such as `aws:PrincipalOrgID`, `aws:SourceAccount` or `aws:SourceArn`.
#     ```ts
#     new iam.Role(this, 'DeployRole', {
#       assumedBy: new iam.AccountPrincipal(toolsAccountId),
#     });
#     topic.grantPublish(new iam.ServicePrincipal('events.amazonaws.com'));
#     ```
#   aliases:
#     cfn_nag: [F6, F18]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.public_principal

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# Type -> [property holding the policy document, what the policy is].
documents := {
	"AWS::IAM::Role": ["AssumeRolePolicyDocument", "trust policy"],
	"AWS::SNS::TopicPolicy": ["PolicyDocument", "topic policy"],
	"AWS::SQS::QueuePolicy": ["PolicyDocument", "queue policy"],
	"AWS::SecretsManager::ResourcePolicy": ["ResourcePolicy", "secret resource policy"],
	"AWS::ECR::Repository": ["RepositoryPolicyText", "repository policy"],
}

# What an open statement lets anyone do, per policy kind.
consequence("AWS::IAM::Role", _) := "anyone in any AWS account can assume the role and use its permissions"

consequence(type, s) := sprintf("anyone can call %s", [aws_iam.action_text(s)]) if type != "AWS::IAM::Role"

deny contains result if {
	some id, r in input.Resources
	[property, kind] := documents[r.Type]
	doc := cfn.property(r, [property], null)
	is_object(doc)
	some [spath, s] in aws_iam.statements(doc)
	aws_iam.public_allow(s)
	result := {
		"msg": sprintf("%s: %s statement %s allows any principal without a restricting condition: %s; expected named principals or a condition such as aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn", [id, kind, stmt_name(s, spath), consequence(r.Type, s)]),
		"resource": id,
		"path": array.concat(["Properties", property], spath),
	}
}

stmt_name(s, spath) := sprintf("%q", [s.Sid]) if {
	is_string(s.Sid)
} else := sprintf("Statement[%v]", [spath[count(spath) - 1]])
