# METADATA
# title: SNS topic policies deny requests that do not use TLS
# description: >-
#   SNS accepts plain-HTTP API calls unless the topic policy denies them, so
#   published messages (alarms, business events, sometimes customer data)
#   and signed requests can cross the network in clear text. The standard
#   control is a Deny statement on `aws:SecureTransport: false`. Topics with
#   no topic policy at all are reported on the topic.
# custom:
#   id: SNS.002
#   severity: medium
#   resource_types: [AWS::SNS::Topic, AWS::SNS::TopicPolicy, AWS::SNS::TopicInlinePolicy]
#   threats: [T02]
#   mitigations: [M02]
#   frameworks:
#     nist-800-53: [SC-8, SC-8(1)]
#     soc2: [CC6.7]
#     pci-dss-4.0: ["4.2.1"]
#   remediation: |-
#     Add a topic policy statement `{"Effect": "Deny", "Principal": "*",
#     "Action": "sns:Publish", "Resource": <topic ARN>, "Condition": {"Bool":
#     {"aws:SecureTransport": "false"}}}`.
#     ```ts
#     new sns.Topic(this, 'Events', {
#       masterKey: key,
#       enforceSSL: true,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-SNS3]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.sns.topic_policy_tls_only

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

# Topic policy resources: logical id -> [policy document, topic values].
policies[id] := [cfn.property(p, ["PolicyDocument"], {}), cfn.as_array(cfn.property(p, ["Topics"], []))] if {
	some id, p in cfn.resources("AWS::SNS::TopicPolicy")
}

policies[id] := [cfn.property(p, ["PolicyDocument"], {}), [cfn.property(p, ["TopicArn"], null)]] if {
	some id, p in cfn.resources("AWS::SNS::TopicInlinePolicy")
}

deny contains result if {
	some id, [doc, _] in policies
	not aws_iam.denies_insecure_transport(doc)
	result := {
		"msg": sprintf("%s: topic policy does not deny requests without TLS; expected a Deny statement with condition aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties", "PolicyDocument"],
	}
}

deny contains result if {
	some id, _ in cfn.resources("AWS::SNS::Topic")
	not has_policy(id)
	result := {
		"msg": sprintf("%s: SNS topic has no topic policy, so requests without TLS are allowed; expected a policy denying aws:SecureTransport = false", [id]),
		"resource": id,
		"path": ["Properties"],
	}
}

has_policy(topic) if {
	some [_, topics] in policies
	some t in topics
	cfn.references(t, topic)
}
