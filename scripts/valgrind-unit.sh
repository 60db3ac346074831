#!/bin/sh
# Run every cmocka unit test of a (non-sanitized) build under valgrind: any leak or memory
# error fails. NX_VALGRIND=1 tells corpus-reading tests to use a slice of the corpus.
set -eu
build=${1:?usage: valgrind-unit.sh BUILD_DIR}
fail=0
for t in "$build"/tests/test_*; do
  [ -x "$t" ] || continue
  name=$(basename "$t")
  if NX_VALGRIND=1 valgrind -q --child-silent-after-fork=yes --leak-check=full --errors-for-leak-kinds=definite,indirect \
      --error-exitcode=99 "$t" >"$build/$name.valgrind.log" 2>&1; then
    echo "valgrind: $name: ok"
  else
    echo "valgrind: $name: FAILED (log follows)"
    tail -n 60 "$build/$name.valgrind.log"
    fail=1
  fi
done
exit $fail
