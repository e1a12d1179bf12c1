#!/bin/sh
# Built-in policies against the CDK corpus: for each app with an expected
# list in tests/policies/expected/<app>.txt, evaluate data.regent.aws (all
# deny and warn results) over cdk/out/<app>/<app>.template.json and compare
# the set of "CONTROL-ID LOGICAL-ID" pairs with the list.
#
# Usage: check.sh REGENT REPO_ROOT [--update] [APP...]
#   REGENT_CORPUS  corpus folder (default: REPO_ROOT/../shared/corpus)
#   --update       rewrite the expected lists from the current results
#
# Expected lists: one "CONTROL-ID LOGICAL-ID" per line, sorted (LC_ALL=C);
# blank lines and lines starting with # are ignored.  A finding without a
# resource (e.g. on a stack output) is listed as Outputs.<name>.
# Exit status: 0 all match, 1 a mismatch, 2 usage or evaluation error.
set -u
LC_ALL=C
export LC_ALL

if [ $# -lt 2 ]; then
    echo "usage: check.sh REGENT REPO_ROOT [--update] [APP...]" >&2
    exit 2
fi
regent=$1
root=$2
shift 2
update=
if [ "${1:-}" = "--update" ]; then
    update=1
    shift
fi
corpus=${REGENT_CORPUS:-$root/../shared/corpus}
expected_dir=$root/tests/policies/expected
policies=$root/policies

if [ ! -x "$regent" ]; then
    echo "check.sh: $regent is not executable" >&2
    exit 2
fi
if [ ! -d "$corpus/cdk/out" ]; then
    echo "check.sh: no corpus at $corpus (set REGENT_CORPUS)" >&2
    exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# Package path (below regent.aws) -> control id, from each file's METADATA
# (custom.id); packages without an id are reported under their package path,
# as `regent scan` does.
find "$policies/aws" -name '*.rego' ! -name '*_test.rego' | sort | while read -r f; do
    awk '
        /^# METADATA/ { meta = 1 }
        meta && /^#[ \t]+id:[ \t]*/ { sub(/^#[ \t]+id:[ \t]*/, ""); sub(/[ \t]+$/, ""); id = $0 }
        /^package[ \t]+regent\.aws\./ {
            pkg = $2; sub(/^regent\.aws\./, "", pkg)
            print pkg, (id != "" ? id : "regent.aws." pkg)
            exit
        }
        !/^#/ { meta = 0 }
    ' "$f"
done >"$tmp/ids"

# Duplicate control ids are an error in themselves.
dups=$(awk '{ print $2 }' "$tmp/ids" | sort | uniq -d)
if [ -n "$dups" ]; then
    echo "check.sh: control ids used by more than one package:" >&2
    echo "$dups" | sed 's/^/  /' >&2
    exit 2
fi

# One line "package logical-id" per deny/warn result.  The logical id is the
# result's "resource"; without one, the first two steps of its absolute
# "path" (Outputs.<name>); "?" for results that are not objects.
query='[line |
    walk(data.regent.aws, [p, v])
    count(p) >= 2
    p[count(p) - 1] in {"deny", "warn"}
    type_name(v) in {"set", "array"}
    some r in v
    pkg := concat(".", [sprintf("%v", [k]) | some k in array.slice(p, 0, count(p) - 1)])
    id := [x |
        is_object(r)
        x := object.get(r, "resource", sprintf("%v.%v", [object.get(r, ["path", 0], "?"), object.get(r, ["path", 1], "?")]))
    ]
    line := sprintf("%s %s", [pkg, array.concat(id, ["?"])[0]])
]'

status=0
apps="$*"
if [ -z "$apps" ]; then
    apps=$(ls "$expected_dir" 2>/dev/null | sed -n 's/\.txt$//p')
fi
if [ -z "$apps" ]; then
    echo "check.sh: no expected lists in $expected_dir" >&2
    exit 2
fi

for app in $apps; do
    template=$corpus/cdk/out/$app/$app.template.json
    expected=$expected_dir/$app.txt
    if [ ! -f "$template" ]; then
        echo "FAIL $app: no template $template"
        status=1
        continue
    fi
    if ! "$regent" eval -d "$policies" -i "$template" --format pretty "$query" >"$tmp/out" 2>"$tmp/err"; then
        echo "ERROR $app: regent eval failed"
        sed 's/^/  /' "$tmp/err"
        status=2
        continue
    fi
    # The pretty value is a JSON array of strings, one per line.
    sed -n 's/^ *"\(.*\)",\{0,1\}$/\1/p' "$tmp/out" |
        awk 'NR == FNR { id[$1] = $2; next } { print (($1 in id) ? id[$1] : "regent.aws." $1), $2 }' "$tmp/ids" - |
        sort -u >"$tmp/actual"
    if [ -n "$update" ]; then
        cp "$tmp/actual" "$expected"
        echo "updated $expected ($(wc -l <"$tmp/actual") findings)"
        continue
    fi
    if [ ! -f "$expected" ]; then
        echo "FAIL $app: no expected list $expected"
        status=1
        continue
    fi
    grep -v -e '^#' -e '^[[:space:]]*$' "$expected" | sort -u >"$tmp/want"
    if cmp -s "$tmp/want" "$tmp/actual"; then
        echo "ok   $app ($(wc -l <"$tmp/actual" | tr -d ' ') findings)"
    else
        echo "FAIL $app"
        comm -13 "$tmp/want" "$tmp/actual" | sed 's/^/  unexpected: /'
        comm -23 "$tmp/want" "$tmp/actual" | sed 's/^/  missing:    /'
        [ $status -eq 0 ] && status=1
    fi
done
exit $status
