#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NEWSIDX_DB: the index of newsidx-index, newsidx-query and newsidx-serve when --db is not
# given; --db wins over it; an empty one counts as unset.
. "$(dirname "$0")/common.sh"
: "${NX_SERVE:?NX_SERVE must name newsidx-serve}"

export NEWSIDX_DB=$TMP/env.nx
run "$NX_INDEX" -q "$SAMPLE"
expect "newsidx-index indexes into NEWSIDX_DB" 0
[ -d "$TMP/env.nx" ] && pass "the index is where NEWSIDX_DB says" || fail "no index at NEWSIDX_DB"
run "$NX_INDEX" --stats --json
expect "newsidx-index --stats reads NEWSIDX_DB" 0 "" "\"articles\":$SAMPLE_ARTICLES"
run "$NX_QUERY" --count ceasefire
expect "newsidx-query searches NEWSIDX_DB" 0 "" "articles"
hits=$(awk '{ print $1; exit }' "$TMP/out")
[ "${hits:-0}" -gt 0 ] 2>/dev/null && pass "it finds ceasefire ($hits articles)" ||
    fail "newsidx-query found nothing in NEWSIDX_DB: $(cat "$TMP/out")"
run "$NX_QUERY" --list actors
expect "newsidx-query --list reads NEWSIDX_DB" 0 "" "lavrov"

# --db wins over NEWSIDX_DB.
run "$NX_QUERY" --db "$TMP/other.nx" --count ceasefire
expect "--db wins over NEWSIDX_DB" 1 "other.nx"
run "$NX_INDEX" -q --db "$TMP/second.nx" "$SAMPLE/"
expect "newsidx-index --db wins" 0
[ -d "$TMP/second.nx" ] && pass "newsidx-index wrote to --db" || fail "newsidx-index ignored --db"

# newsidx-serve opens NEWSIDX_DB (a missing one fails at start, naming it).
NEWSIDX_DB=$TMP/none.nx run "$NX_SERVE" --listen 127.0.0.1:0
expect "newsidx-serve opens NEWSIDX_DB" 1 "none.nx"

# Unset or empty: the usage error names both.
for value in unset empty; do
    if [ $value = unset ]; then unset NEWSIDX_DB; else export NEWSIDX_DB=; fi
    run "$NX_INDEX" "$SAMPLE"
    expect "newsidx-index, NEWSIDX_DB $value: usage error" 2 "missing --db PATH (or NEWSIDX_DB"
    run "$NX_QUERY" ceasefire
    expect "newsidx-query, NEWSIDX_DB $value: usage error" 2 "missing --db PATH (or NEWSIDX_DB"
    run "$NX_SERVE"
    expect "newsidx-serve, NEWSIDX_DB $value: usage error" 2 "missing --db PATH (or NEWSIDX_DB"
done
finish
