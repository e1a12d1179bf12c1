# METADATA
# title: SQS queues are encrypted
# custom:
#   id: GOVT.002
#   severity: medium
#   resource_types: [AWS::SQS::Queue]
#   approval:
#     status: in review
#     reviewer: security engineering
package govtest.queue

import rego.v1

deny contains {"msg": sprintf("%s is not encrypted", [id]), "resource": id, "path": ["Properties"]} if {
	some id, r in input.Resources
	r.Type == "AWS::SQS::Queue"
	not r.Properties.KmsMasterKeyId
}
