#!/bin/sh
# CLI end-to-end tests: each case runs regent with arguments and compares
# stdout, stderr and the exit status with tests/cli/golden/NAME.{out,err,code}.
# Usage: run.sh REGENT SOURCE_DIR [--update]
set -u
regent=$1
src=$2
update=${3:-}
golden=$src/tests/cli/golden
failures=0
cd "$src" || exit 2

case_() {
    name=$1
    shift
    out=$(mktemp) err=$(mktemp)
    "$regent" "$@" >"$out" 2>"$err" </dev/null
    code=$?
    if [ "$update" = "--update" ]; then
        cp "$out" "$golden/$name.out"
        cp "$err" "$golden/$name.err"
        echo "$code" >"$golden/$name.code"
    elif ! cmp -s "$out" "$golden/$name.out" || ! cmp -s "$err" "$golden/$name.err" ||
        [ "$code" != "$(cat "$golden/$name.code")" ]; then
        echo "FAIL $name (exit $code, want $(cat "$golden/$name.code"))"
        diff -u "$golden/$name.out" "$out" | head -20
        diff -u "$golden/$name.err" "$err" | head -20
        failures=$((failures + 1))
    fi
    rm -f "$out" "$err"
}

ex=examples/policies
tpl=examples/templates/buckets.template.json
case_ version version
case_ help --help
case_ unknown-command frobnicate
case_ eval-help eval --help
case_ eval-no-query eval
case_ eval-json eval -d $ex -i $tpl data.regent.examples.s3.deny
case_ eval-pretty eval --format pretty -d $ex -i $tpl data.regent.examples.s3.deny
case_ eval-bindings eval -d $ex -i $tpl 'some name; data.regent.examples.s3.buckets[[name, _]]'
case_ eval-undefined eval -d $ex 'data.regent.examples.s3.nothing'
case_ eval-fail-undefined eval --fail -d $ex 'data.regent.examples.s3.nothing'
case_ eval-parse-error eval 'x := 1 +'
case_ eval-unsafe eval 'y'
case_ eval-bad-policy eval -d tests/cli/data/bad.rego 'data.bad'
case_ eval-missing-input eval -i tests/cli/data/does-not-exist.json 'input'
case_ eval-bad-input eval -i tests/cli/data/bad.json 'input'
case_ eval-yaml-input eval -i tests/cli/data/input.yaml 'input.a'
case_ eval-data-dir eval -d tests/cli/data/tree 'data.teams'
case_ eval-v0 eval --v0-compatible -d tests/cli/data/v0.rego 'data.v0.allow'
case_ eval-conflict eval -d tests/cli/data/conflict.rego 'data.conflict.p'
case_ eval-strict eval --strict-builtin-errors 'x := to_number("abc")'
case_ eval-bad-format eval --format xml 'true'

# scan: the example control only (built-in controls change as the library grows)
sc="scan --no-builtin -p $ex"
case_ scan-help scan --help
case_ scan-no-input scan
case_ scan-bad-format scan --format xml $tpl
case_ scan-text $sc $tpl
case_ scan-json $sc --format json $tpl
case_ scan-sarif $sc --format sarif $tpl
case_ scan-junit $sc --format junit $tpl
case_ scan-github $sc --format github $tpl
case_ scan-fail-on-never $sc --fail-on never $tpl
case_ scan-fail-on-critical $sc --fail-on critical $tpl
case_ scan-fail-on-high $sc --fail-on high $tpl
case_ scan-clean $sc tests/cli/data/clean.template.yaml
case_ scan-bad-and-good $sc tests/cli/data/bad.json $tpl
case_ scan-bad-policy scan --no-builtin -p tests/cli/data/bad.rego $tpl
sup="scan --no-builtin -p tests/cli/data/suppress/policy.rego tests/cli/data/suppress/template.yaml"
case_ scan-suppress $sup --show-suppressed
case_ scan-suppress-json $sup --format json
case_ scan-suppress-sarif $sup --format sarif
case_ scan-conditions scan --no-builtin -p tests/cli/data/conditions/policy.rego tests/cli/data/conditions/template.yaml
case_ scan-conditions-json scan --no-builtin -p tests/cli/data/conditions/policy.rego --format json tests/cli/data/conditions/template.yaml
# CDK cloud assemblies from the shared corpus (skipped when it is absent)
if [ -d ../shared/corpus/cdk/out-debug/storage-insecure ]; then
    case_ scan-cdk scan --no-builtin -p tests/cli/data/cdk/policy.rego ../shared/corpus/cdk/out/storage-insecure
    case_ scan-cdk-debug scan --no-builtin -p tests/cli/data/cdk/policy.rego ../shared/corpus/cdk/out-debug/storage-insecure
    case_ scan-cdk-sarif scan --no-builtin -p tests/cli/data/cdk/policy.rego -f sarif ../shared/corpus/cdk/out-debug/storage-insecure
fi
case_ scan-folder scan -v --no-builtin -p $ex tests/cli/data/scan-folder

# variants: a per-resource control re-evaluated on the changed resources only
case_ scan-variants-secrets scan --no-governance tests/cli/data/variants/secrets.yaml

# regent test
case_ test-help test --help
case_ test-run test tests/cli/data/rtest
case_ test-filter-coverage test --coverage --run 'deny|variant|mock' tests/cli/data/rtest
case_ test-bad-policy test tests/cli/data/rtest-bad.rego
case_ test-bad-run test --run '(' tests/cli/data/rtest
case_ test-unknown-option test --frobnicate

# policies: a small fixed policy set (the built-in library's metadata changes)
pd=tests/cli/data/policies
pc="policies --no-builtin -p $pd/catalog"
case_ policies-help policies --help
case_ policies-table $pc
case_ policies-json $pc --format json
case_ policies-markdown $pc --format markdown
case_ policies-threats $pc --format threats
case_ policies-threats-missing $pc -p $pd/no-threats.rego --format threats
case_ policies-bad-metadata policies --no-builtin -p $pd/bad-metadata
case_ policies-syntax-error policies --no-builtin -p $pd/syntax-error.rego
case_ policies-bad-format policies --format xml
case_ policies-bad-argument policies $pd/catalog

# governance (docs/governance.md): coverage by approved controls, waivers,
# configuration, inline suppressions off.  Waiver expiry against a pinned date.
gd=tests/cli/data/governance
gs="scan --no-builtin -p $gd/policies"
export REGENT_TODAY=2026-12-01
case_ gov-coverage $gs $gd/template.yaml
case_ gov-unverifiable scan --no-builtin $gd/unverifiable.yaml
case_ gov-coverage-json $gs --format json $gd/template.yaml
case_ gov-coverage-sarif $gs --format sarif $gd/template.yaml
case_ gov-off $gs --no-governance $gd/template.yaml
case_ gov-auto-off scan --no-builtin -p $ex $gd/template.yaml
case_ gov-forced scan --no-builtin -p $ex --governance $gd/template.yaml
case_ gov-waivers $gs --waivers $gd/waivers.yaml --show-suppressed $gd/template.yaml
case_ gov-waivers-json $gs --waivers $gd/waivers.yaml --format json $gd/template.yaml
case_ gov-bad-waivers $gs --waivers $gd/bad-waivers.yaml --waivers $gd/no-such-waivers.yaml $gd/template.yaml
case_ gov-no-inline scan --no-builtin -p tests/cli/data/suppress/policy.rego --no-inline-suppressions tests/cli/data/suppress/template.yaml
case_ gov-config $gs --config $gd/regent.yaml $gd/template.yaml
case_ gov-config-override $gs --config $gd/regent.yaml --fail-on high --no-governance $gd/template.yaml
case_ gov-bad-config $gs --config $gd/bad-config.yaml $gd/template.yaml
case_ gov-missing-config $gs --config $gd/no-such-config.yaml $gd/template.yaml
export REGENT_TODAY=2026-13-01
case_ gov-bad-today $gs --waivers $gd/waivers.yaml $gd/template.yaml
unset REGENT_TODAY

if [ "$failures" -ne 0 ]; then
    echo "$failures CLI case(s) failed"
    exit 1
fi
echo "all CLI cases passed"
