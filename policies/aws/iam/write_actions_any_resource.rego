# METADATA
# title: IAM policies do not allow changing actions on every resource
# description: >-
#   A statement that allows actions which create, change or delete things
#   (e.g. `s3:PutObject`, `dynamodb:DeleteItem`, `kms:Decrypt`,
#   `lambda:UpdateFunctionCode`) on `Resource: "*"` lets the principal apply
#   them to every such resource of the account, including other
#   applications' data and code. Read-only actions (Get, List, Describe,
#   ...) are not reported, nor actions AWS only grants on "*" that CDK adds by
#   default: X-Ray trace upload, CloudWatch PutMetricData, ECS Exec
#   channels (ssmmessages), VPC network interfaces for Lambda and CodeBuild,
#   CloudWatch Logs delivery set-up, the CDK log-retention and
#   bucket-notification handlers. Statements reported by IAM.001, IAM.006 or
#   IAM.101 are not reported again.
# custom:
#   id: IAM.010
#   severity: medium
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-3]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.2", "7.2.5"]
#   remediation: |-
#     Name the ARNs of the resources the actions apply to, or use the construct's grant methods, which scope the statement to the resource.
#     ```ts
#     // instead of new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: ['*'] })
#     bucket.grantPut(fn);
#     ```
#   aliases:
#     cfn_nag: [W11, W12, W13]
#     cdk_nag: [AwsSolutions-IAM5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.write_actions_any_resource

import rego.v1

import data.regent.aws.iam.passrole_wildcard_resource
import data.regent.aws.iam.policy_full_admin
import data.regent.aws.iam.service_wildcard_actions_any_resource
import data.regent.aws_iam
import data.regent.cfn

# Verbs (lower case) that only read.
read_prefixes := [
	"get", "list", "describe", "batchget", "search", "query", "scan",
	"select", "view", "lookup", "filter", "head",
]

# Actions that AWS only authorizes on "*" and that CDK grants by default.
required_on_any_resource := {
	"xray:puttracesegments", "xray:puttelemetryrecords",
	"cloudwatch:putmetricdata",
	"ssmmessages:createcontrolchannel", "ssmmessages:createdatachannel",
	"ssmmessages:opencontrolchannel", "ssmmessages:opendatachannel",
	"ec2:createnetworkinterface", "ec2:deletenetworkinterface",
	"ec2:assignprivateipaddresses", "ec2:unassignprivateipaddresses",
	"logs:createlogdelivery", "logs:updatelogdelivery", "logs:deletelogdelivery",
	"logs:putresourcepolicy",
	"logs:putretentionpolicy", "logs:deleteretentionpolicy",
	"s3:putbucketnotification",
}

# Is the (lower-case) action pattern read-only?  For a pattern with
# wildcards, the literal text before the first wildcard must already name
# a read verb ("s3:get*" is, "s3:*object" and "s3:g*" are not).
read_only(action) if {
	parts := split(action, ":")
	count(parts) == 2
	verb := regex.replace(parts[1], `[*?].*$`, "")
	some prefix in read_prefixes
	startswith(verb, prefix)
}

changing(action) if {
	not read_only(action)
	not action in required_on_any_resource
	not action in {"*", "*:*"}
}

# Already reported on this statement by another IAM control.
reported_elsewhere(id, path) if {
	some other in (policy_full_admin.deny | service_wildcard_actions_any_resource.deny) | passrole_wildcard_resource.deny
	other.resource == id
	other.path == path
}

deny contains result if {
	some [id, path, s] in aws_iam.identity_allow_statements
	"*" in aws_iam.resources(s)
	not reported_elsewhere(id, path)
	writes := sort([a | some a in cfn.as_array(s.Action); is_string(a); changing(lower(a))])
	count(writes) > 0
	result := {
		"msg": sprintf("%s: IAM policy statement allows %s on every resource (Resource: \"*\"), so the principal can change resources of other workloads too; expected the ARNs of the resources it uses", [id, concat(", ", writes)]),
		"resource": id,
		"path": path,
	}
}
