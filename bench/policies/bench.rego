# Policies shaped like regent's controls, for timing evaluation over large
# CloudFormation templates.
package bench

import rego.v1

resources_of(type) := {name: r |
	some name, r in input.Resources
	r.Type == type
}

open_ingress contains name if {
	some name, sg in resources_of("AWS::EC2::SecurityGroup")
	some rule in sg.Properties.SecurityGroupIngress
	rule.CidrIp == "0.0.0.0/0"
}

unencrypted_logs contains name if {
	some name, lg in resources_of("AWS::Logs::LogGroup")
	not lg.Properties.KmsKeyId
}

wildcard_actions contains name if {
	some name, p in resources_of("AWS::IAM::Policy")
	some stmt in p.Properties.PolicyDocument.Statement
	stmt.Effect == "Allow"
	some action in array.concat([], [stmt.Action])
	endswith(action, "*")
}

counts_by_type[t] := n if {
	some _, r in input.Resources
	t := r.Type
	n := count([1 | some _, r2 in input.Resources; r2.Type == t])
}

report := {
	"open_ingress": open_ingress,
	"unencrypted_logs": unencrypted_logs,
	"wildcard_actions": wildcard_actions,
	"types": count(counts_by_type),
}
