# METADATA
# title: regent AWS network helpers
# description: >-
#   Shared by the built-in aws controls: security-group ingress rules
#   (inline and AWS::EC2::SecurityGroupIngress), the ports a rule opens,
#   world-open CIDRs, and public subnets (routed to an internet gateway or
#   assigning public IPs).  `input` is the template.
package regent.aws_net

import rego.v1

import data.regent.aws_iam
import data.regent.cfn

world_cidrs := {"0.0.0.0/0", "::/0"}

# The rule admits traffic from anywhere (IPv4 or IPv6).
world_open(rule) if rule.CidrIp in world_cidrs

world_open(rule) if rule.CidrIpv6 in world_cidrs

# Ingress rules: [logical id to report, path relative to it, rule, security
# group logical id (or "" when the group is not in this template)].
ingress_rules contains [id, ["Properties", "SecurityGroupIngress", i], rule, id] if {
	some id, r in cfn.resources("AWS::EC2::SecurityGroup")
	some i, rule in r.Properties.SecurityGroupIngress
}

ingress_rules contains [id, ["Properties"], r.Properties, group_of(r.Properties)] if {
	some id, r in cfn.resources("AWS::EC2::SecurityGroupIngress")
}

# (Through the by-type index: a rule's group is a security group, and
# controls that read only indexed types can skip unchanged template variants.)
group_of(props) := g if {
	some g, _ in cfn.resources("AWS::EC2::SecurityGroup")
	cfn.references(props.GroupId, g)
} else := g if {
	some g, _ in cfn.resources("AWS::EC2::SecurityGroup")
	cfn.references(props.GroupName, g)
} else := ""

# The port range a rule opens, as [from, to]; all ports for protocol -1
# (all traffic) or a missing/-1 port on tcp/udp.
all_protocols := {"-1", "all"}

port_range(rule) := [0, 65535] if {
	lower(sprintf("%v", [rule.IpProtocol])) in all_protocols
}

port_range(rule) := [from, to] if {
	not lower(sprintf("%v", [rule.IpProtocol])) in all_protocols
	from := aws_iam.as_number(object.get(rule, "FromPort", -1))
	to := aws_iam.as_number(object.get(rule, "ToPort", -1))
	from >= 0
	to >= from
}

port_range(rule) := [0, 65535] if {
	not lower(sprintf("%v", [rule.IpProtocol])) in all_protocols
	lower(sprintf("%v", [rule.IpProtocol])) in {"tcp", "udp", "6", "17"}
	aws_iam.as_number(object.get(rule, "FromPort", -1)) == -1
}

# Does the rule open the port?
opens_port(rule, port) if {
	[from, to] := port_range(rule)
	from <= port
	port <= to
}

# Ports of the rule that are in a set, as a sorted array.
opened_ports(rule, ports) := sort([p |
	[from, to] := port_range(rule) # once per rule, not once per port
	some p in ports
	from <= p
	p <= to
])

# Human-readable port range of a rule ("22", "0-65535").
port_text(rule) := sprintf("%d", [from]) if {
	[from, to] := port_range(rule)
	from == to
} else := sprintf("%d-%d", [from, to]) if {
	[from, to] := port_range(rule)
} else := "?"

# "all traffic" or the rule's protocol.
protocol_text(rule) := "all traffic" if {
	lower(sprintf("%v", [rule.IpProtocol])) in all_protocols
} else := sprintf("%v", [rule.IpProtocol])

# " rule for <group>" when a rule is reported on an
# AWS::EC2::SecurityGroupIngress resource rather than on its group.
group_text(id, group) := "" if {
	group == id
} else := sprintf(" rule for %s", [group]) if {
	group != ""
} else := " rule"

# The CIDR a world-open rule admits.
source_text(rule) := rule.CidrIp if {
	rule.CidrIp in world_cidrs
} else := rule.CidrIpv6

# ---------------------------------------------------------------------------
# Subnets.

# Route tables with a default route to an internet gateway.
igw_route_table(rt) if {
	some _, route in cfn.resources("AWS::EC2::Route")
	object.get(route.Properties, "DestinationCidrBlock", "") == "0.0.0.0/0"
	internet_gateway(route.Properties.GatewayId)
	cfn.references(route.Properties.RouteTableId, rt)
}

igw_route_table(rt) if {
	some _, route in cfn.resources("AWS::EC2::Route")
	object.get(route.Properties, "DestinationIpv6CidrBlock", "") == "::/0"
	internet_gateway(route.Properties.GatewayId)
	cfn.references(route.Properties.RouteTableId, rt)
}

internet_gateway(v) if cfn.resources("AWS::EC2::InternetGateway")[v.Ref]

internet_gateway(v) if {
	is_string(v)
	startswith(v, "igw-")
}

# A subnet of this template that is public: routed to an internet gateway,
# or assigning public IPv4 addresses at launch.
public_subnet(id) if {
	cfn.resources("AWS::EC2::Subnet")[id]
	some _, assoc in cfn.resources("AWS::EC2::SubnetRouteTableAssociation")
	cfn.references(assoc.Properties.SubnetId, id)
	some rt, _ in cfn.resources("AWS::EC2::RouteTable")
	cfn.references(assoc.Properties.RouteTableId, rt)
	igw_route_table(rt)
}

public_subnet(id) if {
	aws_iam.is_true(cfn.resources("AWS::EC2::Subnet")[id].Properties.MapPublicIpOnLaunch)
}

# Logical ids of the public subnets a list of subnet references names.
public_subnets_in(list) := {id |
	some v in cfn.as_array(list)
	some id, _ in cfn.resources("AWS::EC2::Subnet")
	cfn.references(v, id)
	public_subnet(id)
}
