#!/bin/sh
# Installs the Debian packages regent needs to build and test (Debian 12).
# Installs only what is missing; needs root (or sudo) when something is.
#   --bench   also what bench/run.sh needs: hyperfine, Node.js and npm
set -eu
pkgs="build-essential cmake pkg-config libyaml-dev libpcre2-dev libssl-dev libgmp-dev clang valgrind python3"
if [ "${1:-}" = "--bench" ]; then
  pkgs="$pkgs hyperfine"
  command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
  command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing:$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
