# METADATA
# title: Security groups do not open remote-administration or database ports to the internet
# description: >-
#   Ingress from 0.0.0.0/0 or ::/0 to SSH (22), RDP (3389), database, cache,
#   search or file-sharing ports exposes services that are constantly
#   scanned and brute-forced and whose engines have a long record of remote
#   exploits. All-traffic rules (protocol -1), port ranges that include such
#   a port and AWS::EC2::SecurityGroupIngress resources count; 22 and 3389
#   are reported even on load balancer security groups.
# custom:
#   id: EC2.001
#   severity: critical
#   resource_types: [AWS::EC2::SecurityGroup, AWS::EC2::SecurityGroupIngress]
#   threats: [T07]
#   mitigations: [M07]
#   frameworks:
#     nist-800-53: [SC-7, AC-4, CM-7]
#     soc2: [CC6.6]
#     cis-aws: ["5.2", "5.3"]
#     pci-dss-4.0: ["1.3.1"]
#   remediation: |-
#     Remove the 0.0.0.0/0 and ::/0 rules: reach instances through SSM Session Manager (no inbound port) and allow database ports only from the application's security group.
#     ```ts
#     // instead of sg.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22))
#     db.connections.allowDefaultPortFrom(appSecurityGroup);
#     const bastion = new ec2.Instance(this, 'Bastion', { vpc, instanceType, machineImage, ssmSessionPermissions: true });
#     ```
#   aliases:
#     cfn_nag: [W2]
#     checkov: [CKV_AWS_24, CKV_AWS_25]
#     cdk_nag: [AwsSolutions-EC23]
#     control_tower: [CT.EC2.PR.4]
#   approval:
#     status: approved
#     reviewer: regent security engineering
#     date: "2026-11-23"
package regent.aws.ec2.security_group_admin_ports_open

import rego.v1

import data.regent.aws_net

# Remote administration, databases, caches, search, message brokers, file
# sharing, container and cluster control planes.
admin_ports := {
	20, 21, 22, 23, 135, 137, 138, 139, 445, 1433, 1434, 1521, 2049, 2375, 2376, 2379, 2380,
	3306, 3389, 5432, 5439, 5601, 5900, 5984, 6379, 6443, 7001, 8020, 9042, 9092, 9200,
	9300, 10250, 11211, 27017, 27018, 27019,
}

deny contains result if {
	some [id, path, rule, group] in aws_net.ingress_rules
	aws_net.world_open(rule)
	ports := aws_net.opened_ports(rule, admin_ports)
	count(ports) > 0
	result := {
		"msg": sprintf("%s: security group%s allows %s from %s to port(s) %s (remote administration/database); expected no internet-wide ingress on these ports", [id, aws_net.group_text(id, group), aws_net.protocol_text(rule), aws_net.source_text(rule), ports_text(ports)]),
		"resource": id,
		"path": path,
	}
}

ports_text(ports) := concat(", ", [sprintf("%d", [p]) | some p in ports]) if {
	count(ports) <= 6
} else := sprintf("%d, %d, %d and %d more", [ports[0], ports[1], ports[2], count(ports) - 3])
