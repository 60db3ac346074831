#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The documented limits (README, Limits) from the outside: each is enforced with exit 1 and a
# message saying which limit, never a crash or a silent cut; at the limit itself all is well.
. "$(dirname "$0")/common.sh"

DB=$TMP/limits.nx
"$NX_INDEX" --db "$DB" -q "$SAMPLE" || exit 1
words() { python3 -c "import sys; print(' '.join(['ceasefire'] * int(sys.argv[1])))" "$1"; }
nested() { python3 -c "import sys; n = int(sys.argv[1]); print('(' * n + 'ceasefire' + ')' * n)" "$1"; }

# --- queries: 8192 bytes, 256 words, parentheses 32 deep, 10,000 results a page ------------------
long=$(python3 -c "print('ceasefire' + ' ' * 8183)") # 8192 bytes
run "$NX_QUERY" --db "$DB" --count "$long"
expect "a query of 8192 bytes runs" 0
run "$NX_QUERY" --db "$DB" --count "${long}x"
expect "a query of 8193 bytes is refused" 1 "newsidx-query: query is longer than 8192 bytes"
run "$NX_QUERY" --db "$DB" --count "$(words 256)"
expect "a query of 256 words runs" 0
run "$NX_QUERY" --db "$DB" --count "$(words 257)"
expect "a query of 257 words is refused" 1 "newsidx-query: query has more than 256 words"
run "$NX_QUERY" --db "$DB" --count "$(nested 32)"
expect "parentheses 32 deep run" 0
run "$NX_QUERY" --db "$DB" --count "$(nested 33)"
expect "parentheses 33 deep are refused" 1 "parentheses nested deeper than 32"
run "$NX_QUERY" --db "$DB" -n 10000 ceasefire
expect "10000 results a page run" 0
run "$NX_QUERY" --db "$DB" -n 10001 ceasefire
expect "10001 results a page are refused" 1 "newsidx-query: at most 10000 results a page"

# --- articles: ids of 200 bytes, bodies and lines of 16 MiB ---------------------------------------
mkdir -p "$TMP/in"
python3 - "$TMP/in" <<'PY'
import json, os, sys
d = sys.argv[1]
body = 'The ferry crossed the strait at dawn.'
with open(os.path.join(d, 'ids.jsonl'), 'w') as f:
    f.write(json.dumps({'id': 'i' * 200, 'body': body}) + '\n')
    f.write(json.dumps({'id': 'j' * 201, 'body': body}) + '\n')
with open(os.path.join(d, 'big.txt'), 'w') as f:  # a .txt article over 16 MiB
    f.write('A very long dispatch\n\n')
    line = 'word ' * 1000 + '\n\n'
    for _ in range(16 * 1024 * 1024 // len(line) + 2):
        f.write(line)
PY
run "$NX_INDEX" --db "$DB" -q "$TMP/in"
expect "over-limit articles give exit 1" 1
grep -qF "newsidx-index: $TMP/in/ids.jsonl:2: article id longer than 200 bytes" "$TMP/err" &&
    pass "an id of 201 bytes is reported with file and line" || fail "id limit: $(cat "$TMP/err")"
grep -q "^newsidx-index: $TMP/in/big.txt:[0-9:]* article larger than 16 MiB" "$TMP/err" &&
    pass "a .txt article over 16 MiB is reported" || fail "article limit: $(cat "$TMP/err")"
[ "$(grep -c . "$TMP/err")" -eq 2 ] && pass "nothing else is reported" || fail "stderr: $(cat "$TMP/err")"
run "$NX_QUERY" --db "$DB" --count ferry
expect "the article with a 200-byte id is indexed, the other not" 0 "" "1 article"
finish
