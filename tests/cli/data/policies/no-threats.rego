# A control without custom.id, threats or mitigations.
# METADATA
# title: Queues have a dead-letter queue
package acme.queues.dlq

import rego.v1

violation contains "queue without dead-letter queue" if {
	some r in input.Resources
	r.Type == "AWS::SQS::Queue"
	not r.Properties.RedrivePolicy
}
