#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Remote shards: a stub mixing a local shard and one served by xapian-tcpsrv answers like the
# local index, with everything (text, fields, highlights, facets) coming through the server;
# a shard that is down, refuses or stalls is named in the error within --timeout.
. "$(dirname "$0")/common.sh"

if ! command -v xapian-tcpsrv >/dev/null; then
    skip "xapian-tcpsrv is not installed (Debian: xapian-tools)"
    finish
fi

MANY=$TMP/many.nx
"$NX_INDEX" -q --db "$MANY" --shards 2 "$SAMPLE" || fail "indexing the sample in 2 shards"
# The server gets its own copy of shard-1, and the stub does not name the local one: what
# shard 1 holds can only come through the remote backend.
mkdir -p "$TMP/server" && cp -r "$MANY/shard-1" "$TMP/server/shard-1"

# free_port: a port nobody listens on right now.
free_port() {
    python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# serve PORT PATH: xapian-tcpsrv in the background, killed by common.sh's trap; waits until
# it accepts connections. It runs in a session of its own: on SIGTERM xapian-tcpsrv kills its
# whole process group (to take its per-connection children along), which would otherwise be
# this script and ctest.
serve() {
    setsid xapian-tcpsrv --port "$1" --interface 127.0.0.1 "$2" >"$TMP/tcpsrv.log" 2>&1 &
    BACKGROUND+=($!)
    for _ in $(seq 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 0.2).close()" \
            2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# fake PORT MODE: a listener that accepts and then stalls (never answers) or closes at once.
fake() {
    python3 -c "
import socket, sys, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $1))
s.listen(8)
print('ready', flush=True)
held = []
while True:
    c, _ = s.accept()
    if '$2' == 'close':
        c.close()
    else:
        held.append(c)
" >"$TMP/fake.out" 2>&1 &
    BACKGROUND+=($!)
    for _ in $(seq 50); do grep -q ready "$TMP/fake.out" 2>/dev/null && return 0; sleep 0.1; done
    return 1
}

PORT=$(free_port)
if ! serve "$PORT" "$TMP/server/shard-1"; then
    fail "xapian-tcpsrv did not start: $(cat "$TMP/tcpsrv.log")"
    finish
fi
STUB=$TMP/cluster.stub
printf '# one local shard (relative to this file) and one remote\nauto many.nx/shard-0\nremote 127.0.0.1:%s\n' \
    "$PORT" >"$STUB"

for q in "ceasefire" "--actor lavrov" "--topic energy gas" '"humanitarian corridor"' \
    "--facets passages --topic nato" "--per-article 3 Mariupol" "--sort date talks"; do
    eval "\"$NX_QUERY\" --db \"$MANY\" --json -n 50 $q" >"$TMP/a" 2>/dev/null
    run eval "\"$NX_QUERY\" --db \"$STUB\" --json -n 50 $q"
    if [ "$RC" -ne 0 ]; then
        fail "local + remote answers like local: $q: exit $RC: $(head -c 300 "$TMP/err")"
        continue
    fi
    pycheck "local + remote answers like local: $q" "$TMP/a" \
        "import runpy, sys; sys.argv = ['', '$TMP/a', '$TMP/out']; runpy.run_path('$(dirname "$0")/same_results.py')"
done
pycheck "remote hits carry title, date, source and url" "$TMP/out" "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
if not any(r['article_id'] and r['title'] and r['date'] and r['source'] and r['url'] for r in rows):
    sys.exit('no hit with all of its fields')
"
run "$NX_QUERY" --db "$STUB" --facets --topic nato
expect "facets by article over a remote shard are refused" 2 "facets by article need local shards"
run "$NX_QUERY" --db "$STUB" --count --topic energy
expect "--count over local + remote" 0

# --- faults: each one names the shard as the stub does, well within the timeout ----------
fault() {
    local name=$1 port=$2
    printf 'auto many.nx/shard-0\nremote 127.0.0.1:%s\n' "$port" >"$TMP/fault.stub"
    run timeout 20 "$NX_QUERY" --db "$TMP/fault.stub" --timeout 1 ceasefire
    expect "$name" 1 "newsidx-query: shard '127.0.0.1:$port' of '$TMP/fault.stub': $3"
}
fault "a shard that is down is named" "$(free_port)" "NetworkError"
P=$(free_port)
fake "$P" close || fail "the closing listener did not start"
fault "a shard that hangs up is named" "$P" "NetworkError"
P=$(free_port)
fake "$P" stall || fail "the stalling listener did not start"
fault "a shard that stalls times out and is named" "$P" "NetworkTimeoutError"
run "$NX_QUERY" --db "$STUB" --timeout soon ceasefire
expect "a bad --timeout is a usage error" 2 "invalid --timeout 'soon'"

printf 'remote :xapian-progsrv x\n' >"$TMP/prog.stub"
run "$NX_QUERY" --db "$TMP/prog.stub" ceasefire
expect "remote programs in a stub are refused" 1 "remote programs are not supported"
printf 'auto many.nx/shard-0\nwhatever\n' >"$TMP/bad.stub"
run "$NX_QUERY" --db "$TMP/bad.stub" ceasefire
expect "a bad stub line is named" 1 "bad.stub':2: not a line of a Xapian stub file"
finish
