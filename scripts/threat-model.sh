#!/bin/sh
# Keeps docs/threat-model.md in step with the controls' metadata: the block
# between its BEGIN/END GENERATED markers must be exactly what
# `regent policies --format threats` prints, and every threat (T..) and
# mitigation (M..) id a control names must be defined in the document's
# hand-written tables.
#
# Usage: scripts/threat-model.sh [REGENT [REPO]] [--update]
#   REGENT  the regent binary (default: REPO/build/regent)
#   REPO    the source tree (default: the one holding this script)
#   --update  rewrite the generated block instead of checking it
# Exit status: 0 in step (or updated), 1 out of step, an undefined id or
# invalid metadata, 2 bad usage or a missing file.
set -u

usage() {
    sed -n '/^# Usage:/,/^# invalid metadata/p' "$0" | sed 's/^# \{0,1\}//'
}

update=
regent=
repo=
for arg in "$@"; do
    case $arg in
    --update) update=1 ;;
    -h | --help)
        usage
        exit 0
        ;;
    -*)
        echo "threat-model.sh: unknown option '$arg'" >&2
        usage >&2
        exit 2
        ;;
    *)
        if [ -z "$regent" ]; then
            regent=$arg
        elif [ -z "$repo" ]; then
            repo=$arg
        else
            echo "threat-model.sh: too many arguments" >&2
            exit 2
        fi
        ;;
    esac
done
[ -n "$repo" ] || repo=$(cd "$(dirname "$0")/.." && pwd)
[ -n "$regent" ] || regent=$repo/build/regent
doc=$repo/docs/threat-model.md
begin='<!-- BEGIN GENERATED: regent policies --format threats -->'
end='<!-- END GENERATED -->'

if [ ! -x "$regent" ]; then
    echo "threat-model.sh: no regent binary at $regent (build it, or pass its path)" >&2
    exit 2
fi
if [ ! -f "$doc" ]; then
    echo "threat-model.sh: $doc not found" >&2
    exit 2
fi
if [ "$(grep -c -x -F -e "$begin" "$doc")" != 1 ] || [ "$(grep -c -x -F -e "$end" "$doc")" != 1 ]; then
    echo "threat-model.sh: $doc must hold the lines '$begin' and '$end' once each" >&2
    exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# 1. The generated block, from the controls' metadata.
if ! "$regent" policies --format threats >"$tmp/gen" 2>"$tmp/err"; then
    cat "$tmp/err" >&2
    echo "threat-model.sh: 'regent policies --format threats' failed: fix the controls' metadata above" >&2
    exit 1
fi

# 2. Ids defined by the hand-written tables (outside the generated block)
#    and ids the controls use.
awk -v b="$begin" -v e="$end" '
    $0 == b { skip = 1 } $0 == e { skip = 0; next }
    !skip && /^\| *[TM][0-9]+ *\|/ { id = $0; sub(/^\| */, "", id); sub(/ *\|.*/, "", id); print id }
' "$doc" | sort -u >"$tmp/defined"
{
    sed -n 's/^### \(M[0-9][0-9]*\)$/\1/p' "$tmp/gen"
    sed -n 's/^| \(T[0-9][0-9]*\) |.*/\1/p' "$tmp/gen"
} | sort -u >"$tmp/used"
status=0
undefined=$(comm -23 "$tmp/used" "$tmp/defined")
if [ -n "$undefined" ]; then
    for id in $undefined; do
        echo "threat-model.sh: controls name $id, which docs/threat-model.md does not define" >&2
    done
    status=1
fi
unused=$(comm -13 "$tmp/used" "$tmp/defined")
if [ -n "$unused" ]; then
    echo "note: no control addresses" $unused >&2
fi

# 3. The document with the block regenerated.
awk -v b="$begin" -v e="$end" -v gen="$tmp/gen" '
    $0 == b { print; print ""; while ((getline line < gen) > 0) print line; print ""; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }
' "$doc" >"$tmp/doc"

if cmp -s "$doc" "$tmp/doc"; then
    exit $status
fi
if [ -n "$update" ] && [ "$status" = 0 ]; then
    cp "$tmp/doc" "$doc" || exit 2
    echo "threat-model.sh: updated the generated section of $doc"
    exit $status
fi
[ -z "$update" ] || echo "threat-model.sh: not updated: define the ids above first" >&2
diff -u "$doc" "$tmp/doc" | sed "s|$tmp/doc|docs/threat-model.md (generated)|"
echo "threat-model.sh: docs/threat-model.md is out of step with the controls' metadata;" \
    "run scripts/threat-model.sh --update" >&2
exit 1
