#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run every cmocka unit test of a (non-sanitized) build under valgrind: any leak or memory
# error fails. NX_VALGRIND=1 tells corpus-reading tests to use a slice of the corpus; the
# readers-under-a-writer test runs fewer searches against a writer (not under valgrind, so
# twenty times faster than the readers) that pauses after each commit.
set -eu
build=${1:?usage: valgrind-unit.sh BUILD_DIR}
fail=0
export NX_VALGRIND=1 NX_STRESS_SEARCHES=400 NX_STRESS_WRITER_PAUSE_MS=1000
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if valgrind -q --child-silent-after-fork=yes --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --error-exitcode=99 "$t" >"$build/$name.valgrind.log" 2>&1; then
    echo "valgrind: $name: ok"
  else
    echo "valgrind: $name: FAILED (log follows)"
    tail -n 60 "$build/$name.valgrind.log"
    fail=1
  fi
done
exit $fail
