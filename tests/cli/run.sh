#!/bin/sh
# CLI end-to-end tests (placeholder).
set -eu
"$1" version >/dev/null
