#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Ranking quality and query latency of newsidx, SQLite FTS5 and plain Xapian on the judged
# needs of ../shared/eval, measured in one run. Prints one markdown table.
#
#   bench/eval.sh                       (from anywhere)
#   NEWSIDX_BUILD=/path/to/build  REPS=20  bench/eval.sh
#   EVAL_QUERIES=bench/eval/fresh/queries.jsonl EVAL_QRELS=bench/eval/fresh/qrels.jsonl \
#     bench/eval.sh                     (another set of needs: the sealed fresh ones)
#
# newsidx rows need $NEWSIDX_BUILD/indexer/newsidx-index, $NEWSIDX_BUILD/query/newsidx-query
# and $NEWSIDX_BUILD/lib/libnewsidx.so; without them only the baselines are measured.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
SHARED=${NEWSIDX_SHARED:-$HERE/../../shared}
NEWSIDX_BUILD=${NEWSIDX_BUILD:-$HERE/../build}
REPS=${REPS:-20}
CORPUS=$SHARED/corpus/ukraine.jsonl
QUERIES=${EVAL_QUERIES:-$SHARED/eval/queries.jsonl}
QRELS=${EVAL_QRELS:-$SHARED/eval/qrels.jsonl}
SCORE=$SHARED/eval/score.py
W=$HERE/results/tmp/eval
LIB="python3 $HERE/benchlib.py"
INDEX=$NEWSIDX_BUILD/indexer/newsidx-index
QUERY=$NEWSIDX_BUILD/query/newsidx-query

mkdir -p "$W"
have_nx=0
if [ -x "$INDEX" ] && [ -x "$QUERY" ] && [ -e "$NEWSIDX_BUILD/lib/libnewsidx.so" ]; then
    have_nx=1
    make -s -C "$HERE" nx NEWSIDX_BUILD="$NEWSIDX_BUILD" >&2
else
    echo "eval.sh: no newsidx build in '$NEWSIDX_BUILD': baselines only" >&2
    make -s -C "$HERE" >&2
fi
B=$HERE/build

# Passages of the reference split, shared by both baselines.
if [ ! -s "$W/passages.jsonl" ] || [ "$CORPUS" -nt "$W/passages.jsonl" ]; then
    python3 "$HERE/passages.py" "$CORPUS" -o "$W/passages.jsonl"
fi
$LIB queries-txt "$QUERIES" >"$W/q.txt"
$LIB queries-structured "$QUERIES" >"$W/qs.txt"

rm -rf "$W/xapian.db" "$W/fts5.db" "$W/newsidx.nx"
"$B/plain_xapian" index "$W/xapian.db" "$W/passages.jsonl" >"$W/xapian.index.json"
"$B/fts5" index "$W/fts5.db" "$W/passages.jsonl" >"$W/fts5.index.json"
"$B/plain_xapian" run "$W/xapian.db" "$QUERIES" >"$W/run.xapian.jsonl"
"$B/fts5" run "$W/fts5.db" "$QUERIES" >"$W/run.fts5.jsonl"

if [ $have_nx = 1 ]; then
    "$INDEX" --db "$W/newsidx.nx" --quiet --json "$CORPUS" >"$W/newsidx.index.json"
    for form in plain structured; do
        : >"$W/run.newsidx-$form.jsonl"
        for qid in $(python3 -c 'import json,sys; [print(json.loads(l)["qid"]) for l in open(sys.argv[1])]' "$QUERIES"); do
            $LIB cli-args "$QUERIES" "$qid" $form |
                xargs -0 "$QUERY" --db "$W/newsidx.nx" --json -n 100 --per-article 3 |
                $LIB cli-to-run "$qid" >>"$W/run.newsidx-$form.jsonl"
        done
    done
fi

# Latency, warm, REPS repetitions inside one process per system; alternate systems.
"$B/plain_xapian" query "$W/xapian.db" "$W/q.txt" "$REPS" >"$W/lat.xapian.json"
"$B/fts5" query "$W/fts5.db" "$W/q.txt" "$REPS" >"$W/lat.fts5.json"
if [ $have_nx = 1 ]; then
    "$B/nx_query_bench" query "$W/newsidx.nx" "$W/q.txt" "$REPS" >"$W/lat.newsidx-plain.json"
    "$B/nx_query_bench" query "$W/newsidx.nx" "$W/qs.txt" "$REPS" >"$W/lat.newsidx-structured.json"
fi

rows=""
for sys in newsidx-plain newsidx-structured xapian fts5; do
    [ -s "$W/run.$sys.jsonl" ] || continue
    [ $have_nx = 1 ] || case $sys in newsidx*) continue ;; esac
    python3 "$SCORE" "$W/run.$sys.jsonl" --qrels "$QRELS" --json >"$W/score.$sys.json"
    lat=$W/lat.$sys.json
    [ -s "$lat" ] || lat=-
    rows="$rows $sys:$W/score.$sys.json:$lat"
done
# Our own reading of the unjudged passages newsidx returned (bench/eval/unjudged-read.jsonl,
# graded against the narratives; see docs/ranking.md): a second figure, never the headline.
READ=$HERE/eval/unjudged-read.jsonl
if [ $have_nx = 1 ] && [ -s "$READ" ] && [ -z "${EVAL_QRELS:-}" ]; then
    cat "$SHARED/eval/qrels.jsonl" "$READ" >"$W/qrels-read.jsonl"
    # How much the reading matters: every grade we gave taken as one too high.
    $LIB lower-grades "$READ" | cat "$SHARED/eval/qrels.jsonl" - >"$W/qrels-read-1.jsonl"
    for form in plain structured; do
        for r in read read-1; do
            python3 "$SCORE" "$W/run.newsidx-$form.jsonl" --qrels "$W/qrels-$r.jsonl" --json \
                >"$W/score.newsidx-$form-$r.json"
            rows="$rows newsidx-$form+$r:$W/score.newsidx-$form-$r.json:-"
        done
    done
fi
n_needs=$(grep -c . "$QUERIES")
echo "Eval on ukraine.jsonl, $n_needs judged needs; latency: top 10 + highlight, warm, $REPS reps"
echo "(newsidx-*+read: the same runs scored with our reading of their unjudged passages too;"
echo " +read-1: with each of our grades one lower, a bound on how much the reading matters)"
echo
# shellcheck disable=SC2086
$LIB eval-table $rows
# The same reader, blind, on judged passages of the plain run's top 10 (bench/readcheck.py).
if [ $have_nx = 1 ] && [ -s "$HERE/eval/judged-read.jsonl" ] && [ -z "${EVAL_QRELS:-}" ]; then
    echo
    NEWSIDX_SHARED=$SHARED python3 "$HERE/readcheck.py" agree "$HERE/eval/judged-read.jsonl"
fi
