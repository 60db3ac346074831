#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the libFuzzer targets in fuzz/ with clang in their own tree and run each for
# $FUZZ_SECONDS seconds (default 60). Exits non-zero if any target finds a crash, a leak, a
# timeout or an out-of-memory, after printing where the input that caused it was saved.
#
#   FUZZ_SECONDS  seconds per target (default 60)
#   FUZZ_TARGETS  which targets (default: tokenizer qparse jsonl txt gzip lexicon html warc
#                 article speaker passage serve)
#   FUZZ_BUILD_DIR  build tree (default: ./build-fuzz); it keeps each target's growing corpus
#                 in corpus/<target>/, crash inputs in crashes/<target>/, logs in logs/
#   FUZZ_ARGS     extra libFuzzer flags, e.g. "-max_len=100000" or "-jobs=2 -workers=2"
#   CC            the clang to build with (default: clang)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
secs=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"tokenizer qparse jsonl txt gzip lexicon html warc article speaker passage serve"}
build=${FUZZ_BUILD_DIR:-$here/build-fuzz}
jobs=$(nproc 2>/dev/null || echo 2)
if [ "$jobs" -gt 2 ]; then jobs=2; fi

cmake -S fuzz -B "$build" -DCMAKE_C_COMPILER="${CC:-clang}" >/dev/null
cmake --build "$build" -j "$jobs"

failed=
for t in $targets; do
  work=$build/corpus/$t
  crashes=$build/crashes/$t
  log=$build/logs/$t.log
  mkdir -p "$work" "$crashes" "$build/logs"
  extra= # the test pages are seeds too (not copied: one copy of each page in the tree)
  if [ "$t" = html ]; then extra=tests/data/html; fi
  printf 'fuzz_%s: %s s ... ' "$t" "$secs"
  # New inputs go to the first directory (the build tree); fuzz/corpus/<t> is only read.
  # shellcheck disable=SC2086
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$build/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$crashes/" ${FUZZ_ARGS:-} \
       "$work" "fuzz/corpus/$t" $extra >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "ok (${runs:-?} runs)"
  else
    echo "FAILED"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*invariant broken|.*Test unit written)' \
      "$log" >&2 || tail -n 30 "$log" >&2
    sed -n 's/.*Test unit written to \(.*\)$/  crashing input: \1/p' "$log" >&2
    echo "  full log: $log" >&2
    failed="$failed $t"
  fi
done
if [ -n "$failed" ]; then
  echo "fuzz: failed:$failed" >&2
  exit 1
fi
echo "fuzz: all targets ran ${secs} s without a crash"
