/* Builtin family tables.  Each family file defines one table, terminated by
 * an entry with a NULL name; registry.c lists the families. */
#ifndef RG_BUILTINS_FAMILIES_H
#define RG_BUILTINS_FAMILIES_H

#include "rego/builtin.h"

#define RG_FAMILIES(X) \
    X(operators)       \
    X(numbers)         \
    X(aggregates)      \
    X(arrays)          \
    X(sets)            \
    X(objects)         \
    X(types)           \
    X(strings)         \
    X(sprintf)         \
    X(regex)           \
    X(glob)            \
    X(encoding)        \
    X(time)            \
    X(net)             \
    X(semver)          \
    X(units)           \
    X(crypto)          \
    X(uuid)            \
    X(jwt)             \
    X(graph)           \
    X(template)        \
    X(x509)            \
    X(aws)             \
    X(jsonschema)      \
    X(cfn)             \
    X(misc)

#define RG_DECLARE_FAMILY(name) extern const rg_builtin_def rg_builtins_##name[];
RG_FAMILIES(RG_DECLARE_FAMILY)
#undef RG_DECLARE_FAMILY

/* Shorthand for table entries. */
#define RG_ARGS(...) {__VA_ARGS__}

#endif
