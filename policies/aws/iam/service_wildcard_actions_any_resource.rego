# METADATA
# title: IAM policies should not grant whole services on every resource
# description: >-
#   A statement such as `Action: ["dynamodb:*", "sqs:*"]` on `Resource: "*"`
#   lets the principal do everything those services allow on every table and
#   queue in the account, including deleting data, changing resource
#   policies and reading other applications' data.  A compromised function
#   or task holding such a policy reaches far beyond its own resources.
#   Statements granting every action of every service are reported by
#   IAM.001 instead.
# custom:
#   id: IAM.101
#   severity: high
#   resource_types: [AWS::IAM::Policy, AWS::IAM::ManagedPolicy, AWS::IAM::Role, AWS::IAM::User, AWS::IAM::Group]
#   threats: [T04]
#   mitigations: [M04]
#   frameworks:
#     nist-800-53: [AC-6, AC-3]
#     soc2: [CC6.1, CC6.3]
#     pci-dss-4.0: ["7.2.2", "7.2.5"]
#   remediation: |-
#     List the specific actions and the ARNs of the resources the principal uses; the constructs' grant methods do both.
#     ```ts
#     // instead of actions: ['dynamodb:*', 'sqs:*'], resources: ['*']
#     table.grantReadWriteData(fn);
#     queue.grantSendMessages(fn);
#     ```
#   aliases:
#     control_tower: [CT.IAM.PR.3, CT.IAM.PR.5]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.iam.service_wildcard_actions_any_resource

import rego.v1

import data.regent.cfn

# [logical id, path of the document, document] of identity policies.
documents contains [id, ["Properties", "PolicyDocument"], doc] if {
	some id, r in input.Resources
	r.Type in {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}
	doc := cfn.property(r, ["PolicyDocument"], null)
	is_object(doc)
}

documents contains [id, ["Properties", "Policies", i, "PolicyDocument"], doc] if {
	some id, r in input.Resources
	r.Type in {"AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"}
	policies := cfn.property(r, ["Policies"], [])
	is_array(policies)
	some i, p in policies
	doc := object.get(p, "PolicyDocument", null)
	is_object(doc)
}

statements(doc) := {[["Statement", i], s] | some i, s in doc.Statement} if is_array(doc.Statement)

statements(doc) := {[["Statement"], doc.Statement]} if is_object(doc.Statement)

deny contains result if {
	some [id, doc_path, doc] in documents
	some [statement_path, s] in statements(doc)
	object.get(s, "Effect", "") == "Allow"
	"*" in cfn.as_array(object.get(s, "Resource", []))
	actions := [a | some a in cfn.as_array(object.get(s, "Action", [])); is_string(a)]
	not everything(actions)
	wildcards := sort([a | some a in actions; service_wildcard(a)])
	count(wildcards) > 0
	result := {
		"msg": sprintf("%s: IAM policy statement allows every action of %s on every resource (Resource: \"*\"), including deleting data and changing resource policies of other workloads; expected specific actions and resource ARNs", [id, concat(", ", wildcards)]),
		"resource": id,
		"path": array.concat(doc_path, statement_path),
	}
}

# "service:*" (every action of one service).
service_wildcard(a) if regex.match(`^[A-Za-z0-9-]+:\*$`, a)

# "*" or "*:*": reported by IAM.001.
everything(actions) if {
	some a in actions
	a in {"*", "*:*"}
}
