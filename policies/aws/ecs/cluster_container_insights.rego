# METADATA
# title: ECS clusters should have Container Insights enabled
# description: >-
#   Container Insights collects per-task and per-container CPU, memory,
#   network and restart metrics and events.  Without it, resource-exhaustion
#   attacks, crash loops and unexpected workloads (such as crypto-mining in a
#   compromised container) go unnoticed, and incident responders lack the
#   data to reconstruct what ran where.
# custom:
#   id: ECS.011
#   severity: low
#   remediation: >-
#     Add `ClusterSettings: [{Name: containerInsights, Value: enhanced}]` (or
#     `enabled`) to the cluster (CDK: `containerInsightsV2:
#     ecs.ContainerInsights.ENHANCED`, or `containerInsights: true`).
#   frameworks:
#     nist-800-53: [AU-12, SI-4, CA-7]
#   aliases:
#     control_tower: [CT.ECS.PR.2]
package regent.aws.ecs.cluster_container_insights

import rego.v1

import data.regent.aws_web
import data.regent.cfn

_on := {"enabled", "enhanced"}

deny contains result if {
	some id, cluster in cfn.resources("AWS::ECS::Cluster")
	settings := cfn.property(cluster, ["ClusterSettings"], [])
	is_array(settings)
	some i, setting in settings
	object.get(setting, "Name", "") == "containerInsights"
	some value in aws_web.values(object.get(setting, "Value", null))
	aws_web.known(value)
	not lower_in(value, _on)
	result := {
		"msg": sprintf("ECS cluster %s has Container Insights %s", [id, describe(value)]),
		"resource": id,
		"path": ["Properties", "ClusterSettings", i, "Value"],
	}
}

deny contains result if {
	some id, cluster in cfn.resources("AWS::ECS::Cluster")
	settings := cfn.property(cluster, ["ClusterSettings"], [])
	is_array(settings)
	not has_setting(settings)
	result := {
		"msg": sprintf("ECS cluster %s does not enable Container Insights (no containerInsights cluster setting)", [id]),
		"resource": id,
		"path": ["Properties", "ClusterSettings"],
	}
}

has_setting(settings) if {
	some setting in settings
	object.get(setting, "Name", "") == "containerInsights"
}

lower_in(value, set) if {
	is_string(value)
	lower(value) in set
}

describe(value) := sprintf("set to %q", [value]) if is_string(value)

describe(value) := "unset" if value == null

describe(value) := sprintf("set to %v", [value]) if {
	value != null
	not is_string(value)
}
