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
#   resource_types: [AWS::ECS::Cluster]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [AU-12, SI-4, CA-7]
#     soc2: [CC7.2]
#   remediation: |-
#     Add the cluster setting `containerInsights` with the value `enhanced` (or `enabled`).
#     ```ts
#     new ecs.Cluster(this, 'Cluster', {
#       vpc,
#       containerInsightsV2: ecs.ContainerInsights.ENHANCED,
#     });
#     ```
#   aliases:
#     cdk_nag: [AwsSolutions-ECS4]
#     control_tower: [CT.ECS.PR.2]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
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
