#!/bin/sh
# The benchmark: regent against its peers, side by side, in one run.
#
#   bench/run.sh [--quick] [--no-install]
#
# 1. installs what is missing: hyperfine (Debian), and the peers pinned in
#    bench/peers/package-lock.json into bench/peers/node_modules (ignored):
#    cfn-guard 3.1.1 with the AWS Control Tower proactive-control rules
#    (@cdklabs/cdk-validator-cfnguard), and aws-cdk-lib's synth-time
#    validator (@aws/cloudformation-validate);
# 2. builds regent in Release mode (build-release/);
# 3. times, whole process (hyperfine: warm-up, several runs; median and
#    spread), regent scan with the full built-in library and cfn-guard with
#    the Control Tower rules on each workload, and the CDK validator (engine
#    construction and validation alone, timed inside Node by
#    bench/cdk-validate.js); peak RSS of each; regent test over the library;
#    the engine's phases (regent-bench);
# 4. writes the table, with the machine, versions and date, into
#    docs/performance.md (between its generated markers) and prints it.
#
# --quick: fewer runs (3 for regent, 1 for the peers), for a first look.
# Raw results go to bench/results/ (ignored).  Needs ../shared/corpus.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${REGENT_CORPUS:-$root/../shared/corpus}
results=$root/bench/results
runs=10
peer_runs=3
install=1
for arg in "$@"; do
    case $arg in
    --quick) runs=3 peer_runs=1 ;;
    --no-install) install= ;;
    *) echo "usage: bench/run.sh [--quick] [--no-install]" >&2; exit 2 ;;
    esac
done
[ -d "$corpus/bench" ] || { echo "bench/run.sh: no corpus at $corpus (set REGENT_CORPUS)" >&2; exit 2; }

if [ -n "$install" ]; then
    "$root/scripts/install-deps.sh" --bench
    (cd "$root/bench/peers" && npm ci --no-audit --no-fund --loglevel=error)
fi
cmake -S "$root" -B "$root/build-release" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build-release" -j2 --target regent regent-bench >/dev/null

regent=$root/build-release/regent
peers=$root/bench/peers/node_modules/@cdklabs/cdk-validator-cfnguard
guard=$peers/bin/ubuntu/$(uname -m)/cfn-guard
rules=$peers/rules/control-tower/cfn-guard
rm -rf "$results"
mkdir -p "$results"

# name|path (a template file or a folder)
{
    echo "fargate-3k|$corpus/bench/fargate-3k.template.json"
    echo "fargate-3k-yaml|$corpus/bench/fargate-3k.template.yaml"
    echo "fargate-30k|$corpus/bench/fargate-30k.template.json"
    for t in "$corpus"/cdk/out/*/*.template.json; do
        echo "cdk-$(basename "$t" .template.json)|$t"
    done
    echo "real|$corpus/real"
    echo "real-good|$results/real-good"
} >"$results/workloads"

# real/ without its malformed inputs (real/bad/): cfn-guard stops at the
# first file it cannot parse, so only this row compares like with like.
mkdir -p "$results/real-good"
find "$corpus/real" -path "$corpus/real/bad" -prune -o -type f \( -name '*.json' -o -name '*.yaml' -o -name '*.yml' -o -name '*.template' \) -print |
    while read -r f; do
        ln -s "$f" "$results/real-good/$(echo "${f#"$corpus"/real/}" | tr '/' '_')"
    done

rss() { # peak RSS in KB of one run of a command
    /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}

while IFS='|' read -r name path; do
    echo "== $name" >&2
    hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --export-json "$results/$name.regent.json" \
        "$regent scan -f json -o /dev/null --fail-on never $path" >/dev/null 2>&1
    rss "$regent" scan -f json -o /dev/null --fail-on never "$path" >"$results/$name.regent.rss"
    hyperfine -N --warmup 0 --runs "$peer_runs" --ignore-failure --export-json "$results/$name.guard.json" \
        "$guard validate -d $path -r $rules --show-summary none -o json" >/dev/null 2>&1
    rss "$guard" validate -d "$path" -r "$rules" --show-summary none -o json >"$results/$name.guard.rss"
    node "$root/bench/cdk-validate.js" --runs "$peer_runs" "$path" >"$results/$name.cdk.json"
    rss node "$root/bench/cdk-validate.js" --runs 1 "$path" >"$results/$name.cdk.rss"
done <"$results/workloads"

echo "== regent test" >&2
hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --export-json "$results/regent-test.json" "$regent test" >/dev/null 2>&1
echo "== regent-bench" >&2
"$root/build-release/regent-bench" --runs "$runs" "$corpus/bench/fargate-3k.template.json" \
    "$corpus/bench/fargate-30k.template.json" >"$results/micro.txt"

python3 "$root/bench/report.py" "$results" "$root/docs/performance.md" \
    --regent "$regent" --guard "$guard" --peers "$root/bench/peers"
