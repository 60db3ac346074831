#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/modgraph.py --check fails on each rule it enforces, and passes a tree that keeps them.
set -u
mg=${NX_SRC:?}/scripts/modgraph.py
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
check() { # name, expected exit, expected stderr text
  local out rc
  out=$(python3 "$mg" --check "$t/lib" 2>&1)
  rc=$?
  if [ "$rc" -ne "$2" ] || ! grep -qF -- "$3" <<<"$out"; then
    echo "FAIL - $1: exit $rc (expected $2), output: $out"
    fails=$((fails + 1))
  else
    echo "ok   - $1"
  fi
}
fresh() {
  rm -rf "$t/lib"
  mkdir -p "$t/lib/util" "$t/lib/text" "$t/lib/store" "$t/lib/query"
  printf 'int nx__buf_grow(int n);\n' >"$t/lib/util/buf.h"
  printf '#include "util/buf.h"\nint nx__buf_grow(int n)\n{\n    return n;\n}\n' >"$t/lib/util/buf.c"
  printf 'int nx__fold_word(int n);\n' >"$t/lib/text/fold.h"
  printf '#include "text/fold.h"\n#include "util/buf.h"\nint nx__fold_word(int n)\n{\n    return nx__buf_grow(n);\n}\n' >"$t/lib/text/fold.c"
}
fresh
check "a tree that keeps the rules passes" 0 "0 problems"
fresh
printf '#include "query/search.h"\n' >>"$t/lib/util/buf.c"
printf 'int nx__search_run(void);\n' >"$t/lib/query/search.h"
printf 'int nx__search_run(void)\n{\n    return 0;\n}\n' >"$t/lib/query/search.c"
check "an include from a lower layer to a higher one fails" 1 "util/buf -> query/search"
fresh
printf 'int nx__tokens_count(int n);\n' >"$t/lib/text/tokens.h"
printf '#include "text/fold.h"\nint nx__tokens_count(int n)\n{\n    return nx__fold_word(n);\n}\n' >"$t/lib/text/tokens.c"
printf 'int nx__fold_other(int n)\n{\n    return nx__tokens_count(n);\n}\n' >>"$t/lib/text/fold.c"
check "two modules that call each other are a cycle" 1 "cycle: text/fold <-> text/tokens"
fresh
printf 'int nx__grow_more(int n)\n{\n    return n;\n}\n' >>"$t/lib/util/buf.c"
check "a function not named for its module fails" 1 "defines nx__grow_more()"
fresh
printf '#include <xapian.h>\n' >"$t/lib/text/x.cc"
check "Xapian outside store/ and query/ fails" 1 "includes <xapian.h>"
printf '' >"$t/lib/stray.c"
check "a file outside the layer folders fails" 1 "outside the layer folders"
[ "$fails" -eq 0 ] && echo "$((6)) passed, 0 failed" || echo "$((6 - fails)) passed, $fails failed"
exit $((fails > 0))
