#!/bin/sh
# The built-in library's Rego unit tests: `regent test` (the embedded library
# and its tests) must pass them all, there must be at least MIN of them, and
# every control file under policies/aws must carry the library's metadata
# (NIST mapping, threats, mitigations, resource types, a CDK remediation
# snippet, an approval) and have a *_test.rego beside it with at least two
# tests, among them one asserting no finding on a compliant input and one
# expecting a finding on a violating input.
# Usage: library-tests.sh REGENT REPO [MIN]
set -u
regent=$1
repo=$2
min=${3:-400}
status=0
out=$("$regent" test)
rc=$?
last=$(printf '%s\n' "$out" | tail -n 1)
printf '%s\n' "$out" | grep -v ' passed, ' | head -50
echo "$last"
passed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
failed=$(echo "$last" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ "$rc" -ne 0 ] || [ -z "$passed" ] || [ "$failed" != 0 ]; then
    echo "FAIL: regent test exited $rc"
    status=1
elif [ "$passed" -lt "$min" ]; then
    echo "FAIL: $passed tests, want at least $min"
    status=1
fi
for f in $(find "$repo/policies/aws" -name '*.rego' ! -name '*_test.rego' | sort); do
    t=${f%.rego}_test.rego
    if [ ! -f "$t" ]; then
        echo "FAIL: ${f#$repo/} has no tests (${t#$repo/})"
        status=1
    elif [ "$(grep -c '^test_' "$t")" -lt 2 ]; then
        echo "FAIL: ${t#$repo/} has fewer than two tests"
        status=1
    elif ! grep -qE '== 0|not [a-z_.]+\.(deny|warn|violation)' "$t"; then
        echo "FAIL: ${t#$repo/} has no test of a compliant input (no finding expected)"
        status=1
    elif ! grep -qE 'some [a-z_]+ in [a-z_.]+\.(deny|warn|violation)|count\([a-z_.]+\.(deny|warn|violation)\) (==|>=|>) [1-9]' "$t"; then
        echo "FAIL: ${t#$repo/} has no test of a violating input (a finding expected)"
        status=1
    fi
    for key in 'title:' 'description:' 'id:' 'severity:' 'resource_types:' 'threats:' 'mitigations:' \
        'nist-800-53:' 'remediation:' '```ts' 'approval:' 'status:' 'reviewer:' 'date:'; do
        if ! sed -n '/^# METADATA/,/^package /p' "$f" | grep -qF -- "$key"; then
            echo "FAIL: ${f#$repo/}: METADATA has no $key"
            status=1
        fi
    done
done
exit $status
