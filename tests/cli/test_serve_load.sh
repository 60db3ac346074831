#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# newsidx-serve under load on real news: 8 clients x 500 searches while the writer posts
# ukraine.jsonl in batches of 100 (tests/cli/serve_check.py, step corpus). Counts and times
# are bounded: 4,000 searches on loopback, one corpus of 2,019 articles.
. "$(dirname "$0")/common.sh"
: "${NX_SERVE:?NX_SERVE must name newsidx-serve}"
CORPUS=${NX_CORPUS:-$NX_SRC/../shared/corpus}/ukraine.jsonl
if [ ! -r "$CORPUS" ]; then
    skip "the load on real news: $CORPUS is not there (../shared/corpus beside the repository)"
    finish
fi
TOKEN=load-token-0123456789
DB=$TMP/load.nx
printf '{"id":"seed","title":"Seed","body":"An article so that the index exists."}\n' \
    >"$TMP/seed.jsonl"
"$NX_INDEX" --db "$DB" -q "$TMP/seed.jsonl" || { fail "creating the index"; finish; }
serve_start load --write-token "$TOKEN"
python3 "$(dirname "$0")/serve_check.py" corpus "$URL" "$TOKEN" "$CORPUS" \
    "${NX_LOAD_CLIENTS:-8}" "${NX_LOAD_SEARCHES:-500}" || FAILED=$((FAILED + 1))
kill -TERM "$PID"
wait "$PID"
RC=$?
[ "$RC" -eq 0 ] && pass "SIGTERM after the load exits 0" || fail "SIGTERM after the load exits $RC"
finish
