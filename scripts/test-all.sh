#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Set up a Debian 12 machine and run every test the way CI does, in stages:
#   build     a normal build (-Werror) and the whole ctest suite;
#   asan      a Debug build with AddressSanitizer + UndefinedBehaviorSanitizer, whole suite again;
#   valgrind  the unit tests under valgrind (zero leaks, zero errors);
#   tsan      the concurrency tests and the HTTP server's under ThreadSanitizer;
#   install   an install into a staging prefix (no reconfigure: the install is relocatable),
#             the installed programs run, and an outside project built against it through
#             pkg-config (dynamic and static) and through find_package;
#   fuzz      the libFuzzer targets in fuzz/, 60 s each (scripts/fuzz.sh).
# Usage: test-all.sh [STAGE...]   (no stage: all of them, in this order)
# Build trees go to $NX_BUILD_ROOT (default: ./build-ci). Exits non-zero on the first failure.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
all="build asan valgrind tsan install fuzz"
stages=${*:-$all}
for s in $stages; do
  case " $all " in
  *" $s "*) ;;
  *) echo "test-all.sh: unknown stage '$s' (stages: $all)" >&2; exit 2 ;;
  esac
done
sh scripts/setup-debian.sh --test
export NX_REQUIRE_BROWSER=1 # installed just now: the browser test may not skip
root=${NX_BUILD_ROOT:-$here/build-ci}
jobs=$(nproc 2>/dev/null || echo 2)
step() { printf '\n=== %s ===\n' "$*"; }
want() { case " $stages " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
plain_build() {
  cmake -S . -B "$root/plain" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSIDX_WERROR=ON >/dev/null
  cmake --build "$root/plain" -j "$jobs"
}

if want build; then
  step "build (RelWithDebInfo, -Werror)"
  plain_build
  ctest --test-dir "$root/plain" --output-on-failure -j "$jobs"
fi

if want asan; then
  step "build with ASan + UBSan (Debug)"
  cmake -S . -B "$root/asan" -DCMAKE_BUILD_TYPE=Debug -DNEWSIDX_SANITIZE=ON >/dev/null
  cmake --build "$root/asan" -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$root/asan" --output-on-failure -j "$jobs"
fi

if want valgrind; then
  step "unit tests under valgrind"
  plain_build >/dev/null
  sh scripts/valgrind-unit.sh "$root/plain"
fi

if want tsan; then
  step "concurrency tests under ThreadSanitizer"
  cmake -S . -B "$root/tsan" -DCMAKE_BUILD_TYPE=Debug -DNEWSIDX_TSAN=ON >/dev/null
  cmake --build "$root/tsan" -j "$jobs" --target test_concurrency test_shard newsidx-index \
    newsidx-query newsidx-serve
  TSAN_OPTIONS=halt_on_error=1 ctest --test-dir "$root/tsan" --output-on-failure \
    -R '^(test_concurrency|test_shard|cli_test_serve)$'
fi

if want install; then
  step "install and build an outside project against it"
  plain_build >/dev/null
  sh scripts/check-install.sh "$root/plain" "$root/stage"
fi

if want fuzz; then
  step "fuzzing, 60 s per target"
  FUZZ_SECONDS=60 FUZZ_BUILD_DIR="$root/fuzz" sh scripts/fuzz.sh
fi

printf '\nall test stages passed (%s)\n' "$(echo $stages)"
