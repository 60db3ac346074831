#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A run killed with SIGKILL leaves an index that opens and answers, and the next run completes
# it: every article present once, nothing replaced, and a further run finds everything
# unchanged; the same for a sharded index. (The long randomised crash loop belongs to the
# reliability suite.)
. "$(dirname "$0")/common.sh"

# Input written here: 4000 short articles, enough for several commits of --batch 100.
N=4000
INPUT=$TMP/many.jsonl
python3 - "$INPUT" "$N" <<'PY'
import json, sys
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    for i in range(int(sys.argv[2])):
        body = ('Dispatch %d from the river port: barges waited for the locks to open.\n\n'
                'Officials said convoy %d would sail once the ceasefire held for a day.') % (i, i)
        f.write(json.dumps({'id': 'c%d' % i, 'title': 'Dispatch %d' % i, 'body': body}) + '\n')
PY
summary_field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$@"; }

# crash_cycle DB [--shards N]: kill runs, then complete, check, and check again.
crash_cycle() {
    local DB=$1
    shift
    local how=${1:+ ($*)}
    for delay in 0.3 0.8; do
        "$NX_INDEX" --db "$DB" -q --batch 100 "$@" "$INPUT" 2>/dev/null &
        PID=$!
        BACKGROUND+=("$PID")
        sleep "$delay"
        kill -9 "$PID" 2>/dev/null
        wait "$PID" 2>/dev/null
        if [ -e "$DB/XAPIANDB" ] || [ -e "$DB/iamglass" ]; then
            run "$NX_QUERY" --db "$DB" --count barges
            expect "index opens and answers after a kill at ${delay}s$how" 0
        else
            pass "killed at ${delay}s before the index was created$how"
        fi
    done

    run "$NX_INDEX" --db "$DB" --json "$INPUT"
    expect "the next run completes$how" 0
    added=$(summary_field "$TMP/out" articles_added)
    unchanged=$(summary_field "$TMP/out" articles_unchanged)
    replaced=$(summary_field "$TMP/out" articles_replaced)
    if [ $((added + unchanged)) -eq "$N" ] && [ "$replaced" -eq 0 ]; then
        pass "every article indexed once ($unchanged kept from killed runs, $added added)$how"
    else
        fail "added $added + unchanged $unchanged != $N, or replaced $replaced != 0$how"
    fi
    run "$NX_INDEX" --db "$DB" --json "$INPUT"
    expect "a further run succeeds$how" 0
    if [ "$(summary_field "$TMP/out" articles_unchanged)" -eq "$N" ]; then
        pass "a further run finds all $N unchanged$how"
    else
        fail "a further run: $(cat "$TMP/out")$how"
    fi
    run "$NX_QUERY" --db "$DB" --count --json barges
    pycheck "every article is found exactly once$how" "$TMP/out" "
import json, sys
o = json.loads(open(sys.argv[1]).read().splitlines()[-1])
n = o.get('articles')
if n != $N: sys.exit('articles %r, expected $N: %r' % (n, o))
"
}

crash_cycle "$TMP/crash.nx"
crash_cycle "$TMP/crash-sharded.nx" --shards 3
finish
