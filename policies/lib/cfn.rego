# METADATA
# title: regent CloudFormation helpers
# description: >-
#   Functions that make CloudFormation policies short: resources by type,
#   property lookups, intrinsic-function tests.  `input` is the template.
package regent.cfn

import rego.v1

# All resources of a type, as logical id -> resource.  The index by type
# is a rule, so an evaluation builds it once for every control.
resources(type) := object.get(resources_by_type, type, {})

resources_by_type := {type: {id: r |
	some id, r in input.Resources
	r.Type == type
} |
	some type in {r.Type | some _, r in input.Resources}
}

# The logical ids of the template's resources.  (Like resources_by_type,
# a rule regent's variant analysis knows: code that only asks whether an id
# names a resource depends on which resources exist, not on their contents.)
resource_ids := {id | some id, _ in input.Resources}

# A resource's property at a path (array of keys), or the default when any
# step is missing.
property(resource, path, default_value) := object.get(resource, array.concat(["Properties"], path), default_value)

# Is v an intrinsic function call ({"Ref": ...} or {"Fn::...": ...})?
is_intrinsic(v) if {
	is_object(v)
	count(v) == 1
	some k, _ in v
	intrinsic_name(k)
}

intrinsic_name(k) if k == "Ref"

intrinsic_name(k) if startswith(k, "Fn::")

# Does v refer to resource id (Ref, Fn::GetAtt, or inside Fn::Sub text)?
references(v, id) if v.Ref == id

references(v, id) if v["Fn::GetAtt"][0] == id

references(v, id) if {
	is_string(v["Fn::Sub"])
	contains(v["Fn::Sub"], sprintf("${%s}", [id]))
}

references(v, id) if {
	is_string(v["Fn::GetAtt"])
	startswith(v["Fn::GetAtt"], sprintf("%s.", [id]))
}

# Logical ids of resources whose properties refer to id anywhere.
referrers(id) := {other |
	some other, r in input.Resources
	walk(r, [_, v])
	references(v, id)
}

# The values a property may take once deployed, each with the condition
# values it needs: an array of {"value": V, "conditions": {NAME: bool}}
# ({"absent": true, ...} for an AWS::NoValue branch).  Every branch of
# Fn::If, a Ref to a parameter as each of its AllowedValues (else its
# Default), Fn::FindInMap over the mapping's entries, Fn::Join/Fn::Sub
# rendered where their parts are known; unknowable values (pseudo
# parameters, Fn::GetAtt, ...) stay as the intrinsic object.  Backed by the
# builtin cfn.possible_values, linear in the size of the value.
possible_values(v) := cfn.possible_values(input, v)

# A resource property's possible values (see possible_values); a missing
# property gives one absent entry.
property_values(resource, path) := possible_values(object.get(resource, array.concat(["Properties"], path), {"Ref": "AWS::NoValue"}))

# A statement's actions/resources/principals as an array, whatever the form.
as_array(x) := x if is_array(x)

as_array(x) := [x] if not is_array(x)

# The template's variants: one concrete template per choice of its free
# variables (each branch of an undecidable Fn::If condition, each allowed
# value of a parameter), as [{"conditions": {NAME: value}, "template": T}]
# with Fn::If, parameters, mappings and Join/Sub/Select resolved where
# known.  regent scan evaluates every control on every variant; tests use
# this to check a control on a branch.
variants(template) := cfn.expand(template)
