#!/bin/sh
# Set up a Debian 12 machine and run every test the way CI does:
#  1. a normal build (-Werror) and the whole ctest suite;
#  2. a Debug build with AddressSanitizer + UndefinedBehaviorSanitizer, whole suite again;
#  3. the unit tests under valgrind (zero leaks, zero errors);
#  4. the concurrency tests under ThreadSanitizer;
#  5. an install into a staging prefix and an outside project built against it twice,
#     through pkg-config and through find_package;
#  6. the libFuzzer targets in fuzz/, 60 s each (scripts/fuzz.sh).
# Build trees go to $NX_BUILD_ROOT (default: ./build-ci). Exits non-zero on the first failure.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
sh scripts/setup-debian.sh
root=${NX_BUILD_ROOT:-$here/build-ci}
jobs=$(nproc 2>/dev/null || echo 2)
step() { printf '\n=== %s ===\n' "$*"; }

step "build (RelWithDebInfo, -Werror)"
cmake -S . -B "$root/plain" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSIDX_WERROR=ON >/dev/null
cmake --build "$root/plain" -j "$jobs"
ctest --test-dir "$root/plain" --output-on-failure -j "$jobs"

step "build with ASan + UBSan (Debug)"
cmake -S . -B "$root/asan" -DCMAKE_BUILD_TYPE=Debug -DNEWSIDX_SANITIZE=ON >/dev/null
cmake --build "$root/asan" -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir "$root/asan" --output-on-failure -j "$jobs"

step "unit tests under valgrind"
sh scripts/valgrind-unit.sh "$root/plain"

step "concurrency tests under ThreadSanitizer"
cmake -S . -B "$root/tsan" -DCMAKE_BUILD_TYPE=Debug -DNEWSIDX_TSAN=ON >/dev/null
cmake --build "$root/tsan" -j "$jobs" --target test_concurrency test_shard
TSAN_OPTIONS=halt_on_error=1 ctest --test-dir "$root/tsan" --output-on-failure \
    -R '^(test_concurrency|test_shard)$'

step "install and build an outside project against it"
sh scripts/check-install.sh "$root/plain" "$root/stage"

step "fuzzing, 60 s per target"
FUZZ_SECONDS=60 FUZZ_BUILD_DIR="$root/fuzz" sh scripts/fuzz.sh

printf '\nall test stages passed\n'
