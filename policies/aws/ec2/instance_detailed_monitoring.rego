# METADATA
# title: EC2 instances have detailed monitoring enabled
# description: >-
#   Basic monitoring reports metrics every 5 minutes, too coarse to alarm
#   quickly on the CPU or network spikes of crypto-mining, scanning or
#   exfiltration from a compromised instance. Checked on instances and on
#   launch templates; a launch template used only by instances that set
#   `Monitoring: true` themselves is not reported. Advisory.
# custom:
#   id: EC2.008
#   severity: low
#   resource_types: [AWS::EC2::Instance, AWS::EC2::LaunchTemplate]
#   threats: [T08]
#   mitigations: [M08]
#   frameworks:
#     nist-800-53: [SI-4, AU-12]
#     soc2: [CC7.2]
#   remediation: |-
#     Set `Monitoring: true` on the instance, or `Monitoring: {Enabled: true}` in the launch template data.
#     ```ts
#     new ec2.Instance(this, 'Host', { vpc, instanceType, machineImage, detailedMonitoring: true });
#     new ec2.LaunchTemplate(this, 'Template', { machineImage, detailedMonitoring: true });
#     ```
#   aliases:
#     checkov: [CKV_AWS_126]
#     cdk_nag: [AwsSolutions-EC28]
#     control_tower: [CT.EC2.PR.10]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.instance_detailed_monitoring

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

warn contains result if {
	some id, r in cfn.resources("AWS::EC2::Instance")
	not monitored_instance(r)
	result := {
		"msg": sprintf("%s: EC2 instance has only basic (5-minute) monitoring; expected Monitoring: true", [id]),
		"resource": id,
		"path": path(r, ["Properties"], "Monitoring"),
	}
}

warn contains result if {
	some id, r in cfn.resources("AWS::EC2::LaunchTemplate")
	not aws_iam.is_true(object.get(r, ["Properties", "LaunchTemplateData", "Monitoring", "Enabled"], false))
	not monitored_by_its_instances(id)
	result := {
		"msg": sprintf("%s: launch template gives its instances only basic (5-minute) monitoring; expected LaunchTemplateData.Monitoring.Enabled: true", [id]),
		"resource": id,
		"path": path(r, ["Properties", "LaunchTemplateData"], "Monitoring"),
	}
}

monitored_instance(r) if aws_iam.is_true(cfn.property(r, ["Monitoring"], false))

# Instances that launch from template lt.
template_users(lt) := {id |
	some id, r in cfn.resources("AWS::EC2::Instance")
	walk(object.get(r, ["Properties", "LaunchTemplate"], {}), [_, v])
	cfn.references(v, lt)
}

# The template is used, and only by instances that enable monitoring
# themselves (an instance's Monitoring overrides its template's).
monitored_by_its_instances(lt) if {
	users := template_users(lt)
	count(users) > 0
	every id in users {
		monitored_instance(input.Resources[id])
	}
	not used_elsewhere(lt, users)
}

# Referenced by something other than those instances (an Auto Scaling
# group, an EC2 fleet, ...).
used_elsewhere(lt, users) if {
	some other in cfn.referrers(lt)
	not other in users
}

path(r, base, key) := array.concat(base, [key]) if {
	object.get(r, array.concat(base, [key]), null) != null
} else := base
