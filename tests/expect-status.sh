#!/bin/sh
# Runs a command and succeeds only if it exits with the given status.
# Usage: expect-status.sh STATUS COMMAND [ARG]...
want=$1
shift
"$@" >/dev/null 2>&1
got=$?
[ "$got" -eq "$want" ] && exit 0
echo "exit status $got, want $want: $*"
exit 1
