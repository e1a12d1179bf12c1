#!/bin/sh
# Times `regent eval` of bench/policies over the corpus' benchmark templates:
# wall time (hyperfine when installed, else a loop) and, with valgrind, the
# instruction count, which is repeatable on a busy machine.
# Usage: bench/eval.sh [REGENT]  (default build/regent)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
regent=${1:-$root/build/regent}
corpus=$root/../shared/corpus/bench
query=data.bench.report
for t in fargate-3k.template.json fargate-30k.template.json; do
    input=$corpus/$t
    [ -f "$input" ] || { echo "missing $input"; exit 2; }
    echo "== $t ($(wc -l <"$input") lines)"
    if command -v hyperfine >/dev/null 2>&1; then
        hyperfine -N --warmup 3 "$regent eval -d $root/bench/policies -i $input $query" 2>/dev/null | grep -E "Time|Range"
    else
        start=$(date +%s%N)
        for _ in 1 2 3 4 5 6 7 8 9 10; do "$regent" eval -d "$root/bench/policies" -i "$input" "$query" >/dev/null; done
        end=$(date +%s%N)
        echo "mean wall time: $(( (end - start) / 10000000 )) ms"
    fi
    if command -v valgrind >/dev/null 2>&1; then
        valgrind --tool=callgrind --callgrind-out-file=/dev/null "$regent" eval -d "$root/bench/policies" -i "$input" "$query" 2>&1 >/dev/null |
            grep -E "Collected" | sed 's/^==[0-9]*== /instructions: /'
    fi
done
