#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# newsidx-serve from the outside: options, every endpoint and error status, the write token,
# the limits, a load of searches under writes, SIGTERM (docs/serve.md).
. "$(dirname "$0")/common.sh"
: "${NX_SERVE:?NX_SERVE must name newsidx-serve}"
CHECK="python3 $(dirname "$0")/serve_check.py"
TOKEN=test-token-0123456789
MAXCONN=4
TIMEOUT=2

# --- usage ---------------------------------------------------------------------------------
run "$NX_SERVE" --help
expect "--help exits 0" 0 "" "Usage: newsidx-serve"
for limit in 8388608 4096 100 65536 "max-time SECS" "Exit status"; do
    grep -q "$limit" "$TMP/out" && pass "--help names '$limit'" || fail "--help names '$limit'"
done
run "$NX_SERVE" -V
expect "-V names program and library" 0 "" "libnewsidx"
run "$NX_SERVE" --listen 127.0.0.1:0
expect "missing --db exits 2" 2 "newsidx-serve: missing --db"
run "$NX_SERVE" --db "$TMP/x" --listen localhost
expect "--listen without a port exits 2" 2 "invalid --listen 'localhost'"
run "$NX_SERVE" --db "$TMP/x" --listen 127.0.0.1:70000
expect "--listen with a port over 65535 exits 2" 2 "invalid --listen"
run "$NX_SERVE" --db "$TMP/x" --threads 0
expect "--threads 0 exits 2" 2 "invalid --threads '0'"
for bad in 0 -1 abc 3601; do
    run "$NX_SERVE" --db "$TMP/x" --max-time "$bad"
    expect "--max-time $bad exits 2" 2 "invalid --max-time '$bad'"
done
run "$NX_SERVE" --db "$TMP/x" --frobnicate
expect "unknown option exits 2" 2 "Try 'newsidx-serve --help' for more information."
run "$NX_SERVE" --db "$TMP/none" --listen 127.0.0.1:0
expect "an index that is not there exits 1" 1 "newsidx-serve: "
run "$NX_SERVE" --db "$TMP/none" --listen 256.0.0.1:0
expect "a bad address exits 1 or 2" 1 ""

DB=$TMP/sample.nx
if ! "$NX_INDEX" --db "$DB" -q "$SAMPLE"; then
    fail "indexing the sample for the server checks"
    finish
fi


# stop PID NAME: SIGTERM, then the exit status must be 0.
stop() {
    kill -TERM "$1"
    wait "$1"
    local rc=$?
    [ "$rc" -eq 0 ] && pass "$2: SIGTERM exits 0" || fail "$2: SIGTERM exits $rc"
}

mkdir "$TMP/spool"
TMPDIR=$TMP/spool serve_start main --write-token "$TOKEN" --max-connections $MAXCONN \
    --timeout $TIMEOUT --threads 4
MAIN_PID=$PID
MAIN_URL=$URL
case $URL in
http://127.0.0.1:[0-9]*/) pass "--listen 127.0.0.1:0 prints the URL with the chosen port" ;;
*) fail "--listen 127.0.0.1:0 prints '$URL'" ;;
esac

"$NX_QUERY" --db "$DB" --json -n 5 ceasefire >"$TMP/cli.jsonl"
$CHECK read "$URL" "$TMP/cli.jsonl" || FAILED=$((FAILED + 1))
$CHECK write "$URL" "$TOKEN" || FAILED=$((FAILED + 1))
$CHECK limits "$URL" "$TOKEN" $MAXCONN $TIMEOUT || FAILED=$((FAILED + 1))

# A second server on the same index while the first holds the write lock; the token from the
# environment, and CORS.
NEWSIDX_WRITE_TOKEN=$TOKEN serve_start second --cors https://newsroom.example
$CHECK second "$URL" "$TOKEN" https://newsroom.example || FAILED=$((FAILED + 1))
stop "$PID" second
serve_start readonly
$CHECK readonly "$URL" || FAILED=$((FAILED + 1))
stop "$PID" readonly
serve_start maxtime --max-time 0.000001
$CHECK maxtime "$URL" || FAILED=$((FAILED + 1))
stop "$PID" maxtime

grep -Eq '^newsidx-serve: GET /health 200 [0-9.]+ ms$' "$TMP/main.log" &&
    grep -Eq '^newsidx-serve: POST /articles 413 [0-9.]+ ms$' "$TMP/main.log" &&
    pass "one log line per request: method, path, status, ms" ||
    fail "one log line per request: method, path, status, ms"
rm -rf "$TMP/spool"
$CHECK spool "$MAIN_URL" "$TOKEN" || FAILED=$((FAILED + 1))
stop "$MAIN_PID" main

# The load: the default limits, 8 clients searching while a ninth posts.
serve_start load --write-token "$TOKEN"
$CHECK load "$URL" "$TOKEN" || FAILED=$((FAILED + 1))
$CHECK drain "$URL" "$TOKEN" "$PID" || FAILED=$((FAILED + 1))
wait "$PID"
RC=$?
[ "$RC" -eq 0 ] && pass "load: SIGTERM exits 0" || fail "load: SIGTERM exits $RC"
run "$NX_QUERY" --db "$DB" --count numbat
expect "the request answered while stopping was committed" 0 "" "1 article,"
# The writes were committed: a reader after the server sees them.
run "$NX_QUERY" --db "$DB" --count wombat
expect "what the server indexed is committed" 0 "" "100 articles"
finish
