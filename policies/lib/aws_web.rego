# METADATA
# title: regent helpers for the web, container and serverless controls
# description: >-
#   Helpers shared by the ECS, ELBv2, API Gateway, Lambda, CloudWatch Logs,
#   ACM and Synthetics controls: candidate values of a property through
#   Fn::If and template parameters, truthiness of CloudFormation booleans,
#   the text of Fn::Join/Fn::Sub values, logical ids behind Ref/Fn::GetAtt,
#   plain-text secret detection in environment variables and WAF web ACL
#   associations.  `input` is the template.
package regent.aws_web

import rego.v1

import data.regent.cfn

# ---------------------------------------------------------------------------
# Candidate values

# The values a property may take once deployed: both branches of every
# Fn::If (nested ones too); {"Ref": "AWS::NoValue"} becomes null (the
# property is absent, as is a missing property passed in as null); a Ref to
# a template parameter becomes its AllowedValues, else its Default.  Other
# intrinsics are kept as they are: callers treat them as unknown.
values(v) := {y |
	walk(v, [p, x])
	count(p) % 2 == 0
	every i, k in p {
		_if_step(i, k)
	}
	not _is_if(x)
	some y in _resolve(x)
}

_if_step(i, k) if {
	i % 2 == 0
	k == "Fn::If"
}

_if_step(i, k) if {
	i % 2 == 1
	k in {1, 2}
}

_is_if(x) if is_array(x["Fn::If"])

_resolve(x) := {null} if {
	x.Ref == "AWS::NoValue"
} else := {a | some a in input.Parameters[x.Ref].AllowedValues} if {
	is_string(x.Ref)
	count(input.Parameters[x.Ref].AllowedValues) > 0
} else := {d} if {
	is_string(x.Ref)
	d := input.Parameters[x.Ref].Default
} else := {x}

# A property's candidate values (missing properties give {null}).
prop_values(resource, path) := values(cfn.property(resource, path, null))

# Is x a concrete value (not an unresolved intrinsic)?  null (absent) is
# concrete.
known(x) if not cfn.is_intrinsic(x)

# CloudFormation booleans arrive as JSON booleans or as strings.
is_true(v) if v == true

is_true(v) if {
	is_string(v)
	lower(v) == "true"
}

# May v be true once deployed?
may_be_true(v) if {
	some x in values(v)
	is_true(x)
}

# May v be something other than true (absent counts) once deployed?
may_be_not_true(v) if {
	some x in values(v)
	known(x)
	not is_true(x)
}

# May v equal the string s (case-insensitive) once deployed?
may_equal(v, s) if {
	some x in values(v)
	is_string(x)
	lower(x) == lower(s)
}

# May v be absent (missing, null or AWS::NoValue)?
may_be_absent(v) if {
	some x in values(v)
	x == null
}

# ---------------------------------------------------------------------------
# Text of strings built with intrinsics

# The text of a literal, Fn::Join or Fn::Sub value; references become
# "${Name}", other nested intrinsics "${?}".
text(v) := v if is_string(v)

text(v) := concat(v["Fn::Join"][0], [_piece(p) | some p in v["Fn::Join"][1]]) if {
	is_string(v["Fn::Join"][0])
	is_array(v["Fn::Join"][1])
}

text(v) := v["Fn::Sub"] if is_string(v["Fn::Sub"])

text(v) := v["Fn::Sub"][0] if is_string(v["Fn::Sub"][0])

_piece(p) := p if is_string(p)

_piece(p) := sprintf("${%s}", [p.Ref]) if is_string(p.Ref)

_piece(p) := "${?}" if {
	not is_string(p)
	not is_string(p.Ref)
}

# ---------------------------------------------------------------------------
# References

# The logical id behind a Ref or Fn::GetAtt (only ids of template resources).
ref_id(v) := id if {
	id := _ref_target(v)
	id in cfn.resource_ids
}

_ref_target(v) := v.Ref if is_string(v.Ref)

_ref_target(v) := v["Fn::GetAtt"][0] if is_array(v["Fn::GetAtt"])

_ref_target(v) := split(v["Fn::GetAtt"], ".")[0] if is_string(v["Fn::GetAtt"])

# Does anything inside v refer to resource id?
mentions(v, id) if {
	walk(v, [_, x])
	cfn.references(x, id)
}

# ---------------------------------------------------------------------------
# Secrets in plain-text environment variables

# Is the environment variable name=value a plain-text secret?  value is one
# candidate value (see values).
plaintext_secret(name, value) if {
	is_string(value)
	_secret_name(name)
	_literal_secret(value)
}

plaintext_secret(_, value) if {
	_credential_text(text(value))
}

# Why plaintext_secret holds, for messages.
secret_reason(name, value) := "its value looks like a credential" if {
	_credential_text(text(value))
} else := "its name says it holds a secret and its value is a literal"

_secret_name(name) if {
	is_string(name)
	regex.match(`(?i)(pass(word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|signing[_-]?key|auth[_-]?key|credential|conn(ection)?[_-]?str(ing)?)`, name)
	not regex.match(`(?i)[_.-]?(arn|name|id|path|param|parameter|ssm|file|url|uri|endpoint|region|length|ttl|type|mode|enabled|header|expiry|expires|rotation|policy|prefix)$`, name)
}

_literal_secret(value) if {
	count(trim_space(value)) > 0
	not startswith(value, "{{resolve:")
	not startswith(value, "arn:")
	not regex.match(`(?i)^(true|false|yes|no|on|off|none|null|disabled|enabled|[0-9]{1,5})$`, value)
}

_credential_patterns := [
	`(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}([^A-Z0-9]|$)`, # AWS access key id
	`(sk|rk)_live_[0-9A-Za-z]{16,}`, # payment-provider live keys
	`gh[pousr]_[0-9A-Za-z]{36}`, # GitHub tokens
	`github_pat_[0-9A-Za-z_]{22,}`,
	`xox[abprs]-[0-9A-Za-z-]{10,}`, # Slack tokens
	`AIza[0-9A-Za-z_-]{35}`, # Google API keys
	`-----BEGIN ([A-Z]+ )?PRIVATE KEY-----`,
	`[a-z][a-z0-9+.-]*://[^/\s:@${}]+:[^/\s:@${}]+@`, # URL with a password
]

# One expression for all the patterns: a string is searched once, not once
# per pattern.
_credential_any := concat("|", [sprintf("(?:%s)", [p]) | some p in _credential_patterns])

_credential_text(t) if {
	is_string(t)
	regex.match(_credential_any, t)
}

# ---------------------------------------------------------------------------
# WAF

_waf_association_types := {"AWS::WAFv2::WebACLAssociation", "AWS::WAFRegional::WebACLAssociation"}

# Is resource id protected by a WAF web ACL association in the template?
waf_associated(id) if {
	some type in _waf_association_types
	some a in cfn.resources(type)
	mentions(object.get(a, ["Properties", "ResourceArn"], null), id)
}

# The ResourceArn values of all WAF associations.
waf_resource_arns contains arn if {
	some type in _waf_association_types
	some a in cfn.resources(type)
	arn := object.get(a, ["Properties", "ResourceArn"], null)
}

# ---------------------------------------------------------------------------
# Elastic Load Balancing v2

# Is the load balancer an Application Load Balancer (the default Type)?
application_lb(lb) if {
	some t in values(cfn.property(lb, ["Type"], null))
	_is_application(t)
}

_is_application(t) if t == null

_is_application(t) if {
	is_string(t)
	lower(t) == "application"
}

# Is the load balancer internet-facing (the default Scheme)?
internet_facing(lb) if {
	some s in values(cfn.property(lb, ["Scheme"], null))
	_is_internet_facing(s)
}

_is_internet_facing(s) if s == null

_is_internet_facing(s) if {
	is_string(s)
	lower(s) == "internet-facing"
}

# The candidate values of load balancer attribute key, as [path, value]
# pairs; [["Properties", "LoadBalancerAttributes"], null] when the attribute
# is not set (its AWS default applies).  Empty when LoadBalancerAttributes
# is an unresolved intrinsic.
lb_attribute(lb, key) := set if {
	attrs := cfn.property(lb, ["LoadBalancerAttributes"], [])
	is_array(attrs)
	present := {[["Properties", "LoadBalancerAttributes", i, "Value"], v] |
		some i, a in attrs
		object.get(a, "Key", "") == key
		some v in values(object.get(a, "Value", null))
	}
	missing := {[["Properties", "LoadBalancerAttributes"], null] | not _has_attribute(attrs, key)}
	set := present | missing
} else := set()

_has_attribute(attrs, key) if {
	some a in attrs
	object.get(a, "Key", "") == key
}

# ---------------------------------------------------------------------------
# API Gateway (REST APIs)

# Stages of REST APIs: AWS::ApiGateway::Stage resources and deployments that
# create a stage (StageName, configured by StageDescription).  Logical id ->
# {"settings": the stage's settings object, "base": its path in the
# resource, "name": the stage name value, "api": the RestApiId value}.
rest_api_stages[id] := {
	"settings": object.get(r, "Properties", {}),
	"base": ["Properties"],
	"name": cfn.property(r, ["StageName"], null),
	"api": cfn.property(r, ["RestApiId"], null),
} if {
	some id, r in cfn.resources("AWS::ApiGateway::Stage")
}

rest_api_stages[id] := {
	"settings": _stage_description(r),
	"base": ["Properties", "StageDescription"],
	"name": cfn.property(r, ["StageName"], null),
	"api": cfn.property(r, ["RestApiId"], null),
} if {
	some id, r in cfn.resources("AWS::ApiGateway::Deployment")
	cfn.property(r, ["StageName"], null) != null
}

_stage_description(r) := d if {
	d := cfn.property(r, ["StageDescription"], {})
	is_object(d)
} else := {}

# The stage's MethodSettings entries that apply to every method of every
# resource (HttpMethod "*", ResourcePath "/*"), as index -> entry.
catch_all_method_settings(settings) := {i: m |
	some i, m in cfn.as_array(object.get(settings, "MethodSettings", []))
	is_object(m)
	object.get(m, "HttpMethod", "") == "*"
	object.get(m, "ResourcePath", "") == "/*"
}

# ---------------------------------------------------------------------------
# Lambda

# Lambda functions, plain and SAM (AWS::Serverless::Function), as
# logical id -> resource.
lambda_functions[id] := r if {
	some type in {"AWS::Lambda::Function", "AWS::Serverless::Function"}
	some id, r in cfn.resources(type)
}

sam(fn) if fn.Type == "AWS::Serverless::Function"

# Do Ref/GetAtt value v or a literal name/ARN designate function id?
designates_function(v, id) if ref_id(v) == id

designates_function(v, id) if {
	name := cfn.property(lambda_functions[id], ["FunctionName"], null)
	is_string(name)
	is_string(v)
	_function_name_of(v) == name
}

_function_name_of(v) := v if not contains(v, ":")

_function_name_of(v) := split(v, ":")[6] if {
	startswith(v, "arn:")
	count(split(v, ":")) >= 7
}

# A function's property (path below Properties); for SAM functions, the
# template's Globals.Function value when the function does not set it.
function_property(fn, path) := v if {
	v := cfn.property(fn, path, null)
	v != null
} else := g if {
	sam(fn)
	g := object.get(input.Globals, array.concat(["Function"], path), null)
} else := null

# Security groups (logical ids) attached to a load balancer.
lb_security_groups(lb) := {sg |
	some v in cfn.as_array(cfn.property(lb, ["SecurityGroups"], []))
	sg := ref_id(v)
	cfn.resources("AWS::EC2::SecurityGroup")[sg]
}

# Ingress rules of security group sg that admit the whole internet to TCP
# port, as [logical id of the resource holding the rule, path] pairs:
# inline SecurityGroupIngress entries and AWS::EC2::SecurityGroupIngress
# resources whose GroupId refers to sg.
world_ingress_to_port(sg, port) := {[sg, ["Properties", "SecurityGroupIngress", i]] |
	some i, rule in cfn.as_array(cfn.property(cfn.resources("AWS::EC2::SecurityGroup")[sg], ["SecurityGroupIngress"], []))
	_world_rule(rule, port)
} | {[id, ["Properties"]] |
	some id, r in cfn.resources("AWS::EC2::SecurityGroupIngress")
	ref_id(cfn.property(r, ["GroupId"], null)) == sg
	_world_rule(object.get(r, "Properties", {}), port)
}

_world_rule(rule, port) if {
	is_object(rule)
	_world_source(rule)
	_admits_tcp_port(rule, port)
}

_world_source(rule) if rule.CidrIp == "0.0.0.0/0"

_world_source(rule) if rule.CidrIpv6 == "::/0"

_admits_tcp_port(rule, _) if sprintf("%v", [object.get(rule, "IpProtocol", "")]) == "-1"

_admits_tcp_port(rule, port) if {
	lower(sprintf("%v", [object.get(rule, "IpProtocol", "")])) in {"tcp", "6"}
	to_number(object.get(rule, "FromPort", -1)) <= port
	port <= to_number(object.get(rule, "ToPort", -1))
}
