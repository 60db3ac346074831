#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# newsidx-index --shards: layout, summary, remembering N, refusing another N; newsidx-query
# over the shards gives what one index gives.
. "$(dirname "$0")/common.sh"

ONE=$TMP/one.nx
MANY=$TMP/many.nx
"$NX_INDEX" -q --db "$ONE" "$SAMPLE" || fail "indexing the sample into one index"

run "$NX_INDEX" --db "$MANY" --shards 3 --json "$SAMPLE"
expect "--shards 3 indexes the sample" 0
pycheck "the summary sums the shards" "$TMP/out" "
import json, sys
s = json.load(open(sys.argv[1]))
if s['articles_added'] != $SAMPLE_ARTICLES: sys.exit('articles_added %d' % s['articles_added'])
if s['files'] != $SAMPLE_FILES: sys.exit('files %d' % s['files'])
"
if [ -d "$MANY/shard-0" ] && [ -d "$MANY/shard-2" ] && [ ! -e "$MANY/shard-3" ] &&
    grep -qx "auto shard-2" "$MANY/XAPIANDB"; then
    pass "shard-0..2 and a Xapian stub XAPIANDB"
else
    fail "shard-0..2 and a Xapian stub XAPIANDB"
fi
if xapian-delve "$MANY" 2>/dev/null | grep -q "number of documents"; then
    pass "Xapian itself opens the sharded index"
else
    fail "Xapian itself opens the sharded index"
fi

run "$NX_INDEX" --db "$MANY" --json "$SAMPLE"
expect "re-running without --shards keeps the shards" 0 "" "\"articles_unchanged\":$SAMPLE_ARTICLES"
run "$NX_INDEX" --db "$MANY" --shards 2 "$SAMPLE"
expect "another shard count is refused" 2 "has 3 shards, not 2: to reshard, build a new index"
run "$NX_INDEX" --db "$ONE" --shards 2 "$SAMPLE"
expect "sharding an unsharded index is refused" 2 "is an unsharded index"
run "$NX_INDEX" --db "$MANY" --shards 0 "$SAMPLE"
expect "--shards 0 is a usage error" 2 "invalid --shards '0'"

{ head -n 3 "$SAMPLE/meridian-wire.jsonl"; echo "not json"; } >"$TMP/bad.jsonl"
run "$NX_INDEX" --db "$TMP/bad.nx" --shards 2 --json "$TMP/bad.jsonl"
expect "--shards 2 names a bad line" 1 "newsidx-index: $TMP/bad.jsonl:4: "
if [ "$(grep -c "bad.jsonl:" "$TMP/err")" = 1 ]; then
    pass "--shards 2 reports the bad line once"
else
    fail "--shards 2 reports the bad line once: $(cat "$TMP/err")"
fi
ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$MANY" --check
expect "--check checks every shard" 0 "" "many.nx: ok"
cp -r "$MANY" "$TMP/damaged.nx"
table=$TMP/damaged.nx/shard-1/termlist.glass
truncate -s $(($(stat -c %s "$table") / 2)) "$table"
ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$TMP/damaged.nx" --check
expect "--check names the damaged shard" 1 "newsidx-index: '$TMP/damaged.nx/shard-1': "

for q in "ceasefire" "--actor lavrov" "--topic energy gas" '"humanitarian corridor"' \
    "--facets --topic nato" "--per-article 3 Mariupol"; do
    eval "\"$NX_QUERY\" --db \"$ONE\" --json -n 50 $q" >"$TMP/a" 2>/dev/null
    eval "\"$NX_QUERY\" --db \"$MANY\" --json -n 50 $q" >"$TMP/b" 2>/dev/null
    pycheck "sharded answers like one index: $q" "$TMP/a" \
        "import runpy, sys; sys.argv = ['', '$TMP/a', '$TMP/b']; runpy.run_path('$(dirname "$0")/same_results.py')"
done

# --merge: built as shards in parallel, then one compacted index answering the same.
MERGED=$TMP/merged.nx
run "$NX_INDEX" --db "$MERGED" --shards 2 --merge --json "$SAMPLE"
expect "--shards 2 --merge indexes the sample" 0 "" "\"articles_added\":$SAMPLE_ARTICLES"
if [ -e "$MERGED/iamglass" ] && [ ! -e "$MERGED/XAPIANDB" ] && [ ! -e "$MERGED/shard-0" ]; then
    pass "--merge leaves one unsharded index"
else
    fail "--merge leaves one unsharded index: $(ls "$MERGED")"
fi
for q in "ceasefire" "--actor lavrov" '"humanitarian corridor"' "--facets --topic nato"; do
    eval "\"$NX_QUERY\" --db \"$ONE\" --json -n 50 $q" >"$TMP/a" 2>/dev/null
    eval "\"$NX_QUERY\" --db \"$MERGED\" --json -n 50 $q" >"$TMP/b" 2>/dev/null
    pycheck "merged answers like one index: $q" "$TMP/a" \
        "import runpy, sys; sys.argv = ['', '$TMP/a', '$TMP/b']; runpy.run_path('$(dirname "$0")/same_results.py')"
done
run "$NX_INDEX" --db "$MERGED" --json "$SAMPLE"
expect "re-running on the merged index changes nothing" 0 "" "\"articles_unchanged\":$SAMPLE_ARTICLES"

# --merge and --compact without INPUT: only that, on an existing index.
"$NX_INDEX" -q --db "$TMP/later.nx" --shards 2 "$SAMPLE" || fail "indexing the sample in 2 shards"
run "$NX_INDEX" --db "$TMP/later.nx" --merge
expect "--merge alone merges an existing sharded index" 0 "merged into one compacted index"
[ -e "$TMP/later.nx/iamglass" ] && [ ! -e "$TMP/later.nx/XAPIANDB" ] &&
    pass "--merge alone leaves one index" || fail "--merge alone leaves one index"
"$NX_QUERY" --db "$TMP/later.nx" --json -n 50 ceasefire >"$TMP/b" 2>/dev/null
"$NX_QUERY" --db "$ONE" --json -n 50 ceasefire >"$TMP/a" 2>/dev/null
pycheck "merged alone answers like one index" "$TMP/a" \
    "import runpy, sys; sys.argv = ['', '$TMP/a', '$TMP/b']; runpy.run_path('$(dirname "$0")/same_results.py')"
run "$NX_INDEX" --db "$TMP/later.nx" --compact
expect "--compact alone compacts" 0 "compacted"
run "$NX_INDEX" --db "$TMP/absent.nx" --compact
expect "--compact alone does not create an index" 2 "absent.nx"
[ ! -e "$TMP/absent.nx" ] && pass "no index was created" || fail "no index was created"
run "$NX_INDEX" --db "$TMP/later.nx" --compact --json
expect "--compact alone with --json" 0
pycheck "--compact --json prints its outcome as JSON" "$TMP/out" "
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
s = json.loads(lines[0])
assert (s['type'], s['ok'], s['error']) == ('compact', True, None), s"
grep -q "compacted" "$TMP/err" && fail "--json leaves stderr to errors" ||
    pass "--json leaves stderr to errors"
run "$NX_INDEX" --db "$TMP/absent.nx" --merge --json
expect "--merge --json on a missing index" 2 "absent.nx"
pycheck "--merge --json reports the failure as JSON" "$TMP/out" "
import json, sys
s = json.loads(open(sys.argv[1]).read())
assert s['type'] == 'merge' and s['ok'] is False and 'absent.nx' in s['error'], s"
run "$NX_INDEX" --db "$TMP/later.nx" --prune
expect "--prune without INPUT is a usage error" 2 "--prune needs the INPUTs"
finish
