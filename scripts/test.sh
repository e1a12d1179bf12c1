#!/bin/sh
# The whole test suite: installs dependencies, builds twice (release with gcc,
# and with AddressSanitizer + UndefinedBehaviorSanitizer with clang) and runs
# ctest on both builds.
set -eu
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
jobs=2
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j$jobs
(cd build && ctest --output-on-failure -j$jobs)
CC=clang cmake -S . -B build-asan -DREGENT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j$jobs
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j$jobs)
echo "all tests passed"
