#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Crash loop: newsidx-index on real news is killed with SIGKILL at random moments, one to three
# times per trial. After each kill the index must pass --check and answer a query; then a run
# that is let finish must leave every article present exactly once (same article and passage
# counts as a clean build), and a further run must find everything unchanged. Odd trials start
# from a fresh index; even ones continue on the last trial's index with every other article
# edited, so that the killed runs replace articles instead of adding them.
#
#   NX_CRASH_TRIALS  trials (default 3, as in ctest; run 500 or more by hand)
#   NX_CRASH_SEED    seed of the random delays (default: random; printed for reproduction)
#   NX_CRASH_RECORDS JSON Lines records taken from ukraine.jsonl (default 100, with the 50 .txt)
#   NX_CRASH_KEEP    a folder to copy the index of a failed trial into (default: none)
. "$(dirname "$0")/common.sh"

TRIALS=${NX_CRASH_TRIALS:-3}
SEED=${NX_CRASH_SEED:-$(((RANDOM << 15) | RANDOM))}
RECORDS=${NX_CRASH_RECORDS:-100}
BATCH=25
if [ ! -f "$NX_CORPUS/ukraine.jsonl" ] || [ ! -d "$NX_CORPUS/txt" ]; then
    skip "the real news corpus is absent ('$NX_CORPUS'): no crash loop"
    exit 0
fi
echo "# crash loop: $TRIALS trials, seed $SEED (rerun with NX_CRASH_SEED=$SEED)"
RANDOM=$SEED

# A fixed real subset: the .txt files, and the first records whose ids are not .txt names (an
# id given twice in one input would be replaced on every run, never unchanged). Variant B edits
# every other record, for the trials that continue on an index built from variant A.
mkdir -p "$TMP/a" "$TMP/b"
cp -r "$NX_CORPUS/txt" "$TMP/a/txt"
cp -r "$NX_CORPUS/txt" "$TMP/b/txt"
N=$(python3 - "$NX_CORPUS" "$RECORDS" "$TMP" <<'PY'
import json, os, sys
corpus, want, tmp = sys.argv[1], int(sys.argv[2]), sys.argv[3]
txt = {name[:-4] for name in os.listdir(os.path.join(corpus, 'txt')) if name.endswith('.txt')}
kept = []
with open(os.path.join(corpus, 'ukraine.jsonl'), encoding='utf-8') as f:
    for line in f:
        rec = json.loads(line)
        if rec['id'] not in txt and len(kept) < want:
            kept.append(rec)
for variant in 'ab':
    with open(os.path.join(tmp, variant, 'news.jsonl'), 'w', encoding='utf-8') as out:
        for i, rec in enumerate(kept):
            if variant == 'b' and i % 2 == 0:
                rec = dict(rec, body=rec['body'] + '\n\nCorrection: ' + rec['body'][:400])
            out.write(json.dumps(rec, ensure_ascii=False) + '\n')
print(len(kept) + len(txt))
PY
) || exit 1

now_ms() { echo $(($(date +%s%N) / 1000000)); }
json_field() { python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])[sys.argv[2]])" "$@"; }
inputs() { INPUTS=(--batch "$BATCH" "$TMP/$1/news.jsonl" "$TMP/$1/txt"); }
index() { inputs "$2" && "$NX_INDEX" --db "$1" -q "${INPUTS[@]}"; }
# count DB: "articles passages" in the index, from newsidx-index --stats.
count() {
    run "$NX_INDEX" --db "$1" --stats --json &&
        [ "$RC" -eq 0 ] && echo "$(json_field "$TMP/out" articles) $(json_field "$TMP/out" passages)"
}

# Clean builds: how long a whole run takes (kills are spread over it) and the counts to expect.
# Of the two clean builds the faster sets the duration: the first also pays for a cold cache.
start=$(now_ms)
index "$TMP/ref-a" a || exit 1
DURATION=$(($(now_ms) - start))
start=$(now_ms)
index "$TMP/ref-b" b || exit 1
[ $(($(now_ms) - start)) -lt "$DURATION" ] && DURATION=$(($(now_ms) - start))
WANT_A=$(count "$TMP/ref-a") && WANT_B=$(count "$TMP/ref-b") || exit 1
rm -rf "$TMP/ref-a" "$TMP/ref-b"
echo "# $N articles, $BATCH per commit, a whole run takes ${DURATION} ms; expect (articles passages) a: $WANT_A, b: $WANT_B"
[ "${WANT_A%% *}" -eq "$N" ] || { fail "a clean build holds $WANT_A articles, expected $N"; finish; }

TRIAL_FAILED=0 KILLED=0 FINISHED=0 HIT_TRIALS=0
check() { # check WHAT TEST...: run the test; when false, fail naming the trial and seed
    local what=$1
    shift
    if ! "$@"; then
        fail "trial $t (seed $SEED): $what"
        TRIAL_FAILED=1
    fi
}

# kill_once DB VARIANT: start a run, SIGKILL it after a random part of a whole run's duration.
kill_once() {
    local delay=$((RANDOM * DURATION * 11 / 10 / 32768))
    inputs "$2"
    "$NX_INDEX" --db "$1" -q "${INPUTS[@]}" 2>/dev/null & # not a function: $! must be the indexer
    local pid=$!
    BACKGROUND+=("$pid")
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    local status=$?
    check "a run to be killed exits $status before the kill" [ "$status" -eq 137 -o "$status" -eq 0 ]
    if [ "$status" -eq 137 ]; then KILLED=$((KILLED + 1)); else FINISHED=$((FINISHED + 1)); fi
    [ -e "$1/iamglass" ] || return 0 # killed before Xapian wrote the index's first file
    ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$1" --check
    check "--check after a kill at ${delay} ms: $(head -c 300 "$TMP/err")" [ "$RC" -eq 0 ]
    run "$NX_QUERY" --db "$1" --count --since 1000-01-01
    check "a query after a kill at ${delay} ms: $(head -c 300 "$TMP/err")" [ "$RC" -eq 0 ]
    local got
    got=$(count "$1")
    check "--stats after a kill at ${delay} ms: $(head -c 300 "$TMP/err")" [ -n "$got" ]
    got=${got:-0} # reported just above
    check "after a kill at ${delay} ms: '$got' articles, at most $N expected" \
        [ "${got%% *}" -le "$N" ]
}

DB=$TMP/crash.nx
for t in $(seq 1 "$TRIALS"); do
    TRIAL_FAILED=0
    killed_before=$KILLED
    variant=a want=$WANT_A
    if [ $((t % 2)) -eq 1 ]; then
        rm -rf "$DB"
    elif [ -d "$DB" ]; then
        variant=b want=$WANT_B
    fi
    for _ in $(seq 1 $((1 + RANDOM % 3))); do kill_once "$DB" "$variant"; done
    [ "$KILLED" -gt "$killed_before" ] && HIT_TRIALS=$((HIT_TRIALS + 1))
    run index "$DB" "$variant"
    check "the run after the kills exits $RC: $(head -c 300 "$TMP/err")" [ "$RC" -eq 0 ]
    got=$(count "$DB")
    check "after the completing run: (articles passages) '$got', expected '$want'" \
        [ "$got" = "$want" ]
    inputs "$variant"
    run "$NX_INDEX" --db "$DB" --json "${INPUTS[@]}"
    summary="$(json_field "$TMP/out" articles_unchanged 2>/dev/null) $(json_field "$TMP/out" articles_added 2>/dev/null) $(json_field "$TMP/out" articles_replaced 2>/dev/null)"
    check "a further run exits $RC: (unchanged added replaced) '$summary', expected '$N 0 0'" \
        [ "$RC.$summary" = "0.$N 0 0" ]
    if [ "$TRIAL_FAILED" -ne 0 ] && [ -n "${NX_CRASH_KEEP:-}" ]; then
        mkdir -p "$NX_CRASH_KEEP" && cp -r "$DB" "$NX_CRASH_KEEP/trial-$t-seed-$SEED"
    fi
    [ "$TRIAL_FAILED" -eq 0 ] && [ "$TRIALS" -le 20 ] && pass "trial $t ($variant): every article once"
    [ $((t % 50)) -eq 0 ] && echo "# $t trials done, $FAILED failed checks"
    [ "$TRIAL_FAILED" -ne 0 ] && rm -rf "$DB" # start the next trial clean
done
echo "# $TRIALS trials, seed $SEED: $KILLED runs killed mid-run ($HIT_TRIALS trials with at least one), $FINISHED finished before their kill, $FAILED failed checks"
finish
