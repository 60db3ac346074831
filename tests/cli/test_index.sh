#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# newsidx-index from the outside: options, exit codes, diagnostics, --json summary, locking.
. "$(dirname "$0")/common.sh"

DB=$TMP/sample.nx

# summary FILE KEY=VALUE...: the --json summary in FILE has these values (and all the keys).
summary_is() {
    local name=$1 file=$2
    shift 2
    pycheck "$name" "$file" "
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
if len(lines) != 1: sys.exit('expected one line of JSON, got %d' % len(lines))
s = json.loads(lines[0])
keys = ['format', 'articles_added', 'articles_replaced', 'articles_unchanged',
        'articles_removed', 'articles_skipped', 'skipped', 'passages', 'boilerplate_paragraphs',
        'input_bytes', 'index_bytes', 'index_ratio', 'auto_compacted', 'files', 'seconds']
missing = [k for k in keys if k not in s]
if missing: sys.exit('missing keys %s' % missing)
if sorted(s['skipped']) != ['duplicate', 'encoding', 'json', 'too_large', 'unreadable']:
    sys.exit('skipped reasons %s' % sorted(s['skipped']))
want = dict(kv.split('=') for kv in '$*'.split())
for k, v in want.items():
    got = s['skipped'][k[8:]] if k.startswith('skipped.') else s[k]
    if str(got) != v: sys.exit('%s is %s, expected %s' % (k, got, v))
"
}

# --- usage ---------------------------------------------------------------------------------
run "$NX_INDEX" --help
expect "--help exits 0" 0 "" "Usage: newsidx-index"
if grep -q "Exit status" "$TMP/out" && grep -q "^  2 " "$TMP/out"; then
    pass "--help lists the exit codes"
else
    fail "--help lists the exit codes"
fi
run "$NX_INDEX" --version
expect "--version names program and library" 0 "" "newsidx-index "
grep -q "libnewsidx" "$TMP/out" && pass "--version shows nx_version()" || fail "--version shows nx_version()"
run "$NX_INDEX" --bogus --db "$DB" "$SAMPLE"
expect "unknown option exits 2" 2 "Try 'newsidx-index --help' for more information."
grep -q "^newsidx-index: .*bogus" "$TMP/err" && pass "unknown option is named" ||
    fail "unknown option is named"
run "$NX_INDEX" "$SAMPLE"
expect "missing --db exits 2" 2 "newsidx-index: missing --db"
run "$NX_INDEX" --db "$DB"
expect "no INPUT exits 2" 2 "Try 'newsidx-index"
run "$NX_INDEX" --db "$DB" --batch 0 "$SAMPLE"
expect "--batch 0 exits 2" 2 "invalid --batch '0'"
run "$NX_INDEX" --db "$DB" --wait=soon "$SAMPLE"
expect "--wait=soon exits 2" 2 "invalid --wait 'soon'"
run "$NX_INDEX" --db "$DB" --check "$SAMPLE"
expect "--check with INPUT exits 2" 2 "--check takes no INPUT"
[ ! -e "$DB" ] && pass "usage errors create no index" || fail "usage errors create no index"

# --- indexing the sample ---------------------------------------------------------------------
run "$NX_INDEX" --db "$DB" --json "$SAMPLE"
expect "sample indexes with exit 0" 0
[ ! -s "$TMP/err" ] && pass "no diagnostics for the sample" || fail "no diagnostics for the sample"
summary_is "summary counts the sample" "$TMP/out" format=1 articles_added=$SAMPLE_ARTICLES \
    articles_replaced=0 articles_unchanged=0 articles_removed=0 articles_skipped=0 \
    files=$SAMPLE_FILES auto_compacted=True
pycheck "summary sizes are plausible" "$TMP/out" "
import json, sys
s = json.loads(open(sys.argv[1]).read())
if not s['passages'] >= $SAMPLE_ARTICLES: sys.exit('passages %d' % s['passages'])
if not s['input_bytes'] > 15000 or not s['index_bytes'] > 0: sys.exit('bytes %s' % s)
if abs(s['index_ratio'] - s['index_bytes'] / s['input_bytes']) > 1e-6: sys.exit('ratio')
"
run "$NX_INDEX" --db "$DB" --json "$SAMPLE"
expect "re-run exits 0" 0
summary_is "re-run reports all unchanged" "$TMP/out" articles_added=0 articles_replaced=0 \
    articles_unchanged=$SAMPLE_ARTICLES articles_skipped=0 auto_compacted=False

# --- compacting after a bulk load -----------------------------------------------------------
# A run that creates the index compacts it: the same articles in less room than --no-compact.
run "$NX_INDEX" --db "$TMP/loose.nx" --no-compact "$SAMPLE"
expect "--no-compact: no compaction" 0
grep -q "compacted" "$TMP/err" && fail "--no-compact: the summary says compacted" ||
    pass "--no-compact: the summary does not say compacted"
run "$NX_INDEX" --db "$TMP/auto.nx" "$SAMPLE"
expect "a new index is compacted at the end" 0 "compacted after a bulk load (--no-compact skips it)"
loose=$(du -sb "$TMP/loose.nx" | cut -f1)
auto=$(du -sb "$TMP/auto.nx" | cut -f1)
[ "$auto" -lt "$loose" ] && pass "the compacted index is smaller ($auto < $loose bytes)" ||
    fail "the compacted index is not smaller ($auto >= $loose bytes)"
ls -d "$TMP"/auto.nx.* >/dev/null 2>&1 && fail "compaction left a scratch folder beside the index" ||
    pass "compaction leaves nothing beside the index"
ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$TMP/auto.nx" --check
expect "the compacted index passes --check" 0
# A run adding fewer articles than the index holds does not compact; one that doubles it does.
printf 'One more\n\nA short article about a bridge.\n' >"$TMP/one-more.txt"
run "$NX_INDEX" --db "$TMP/auto.nx" "$TMP/one-more.txt"
expect "a small addition: exit 0" 0
grep -q "compacted" "$TMP/err" && fail "a small addition compacted the index" ||
    pass "a small addition does not compact"
run "$NX_INDEX" --db "$TMP/auto.nx" --compact --no-compact "$SAMPLE"
expect "--compact with --no-compact: usage error" 2 "cannot be combined"

run "$NX_INDEX" --db "$DB" "$SAMPLE"
expect "human summary on stderr" 0 "unchanged"
[ ! -s "$TMP/out" ] && pass "nothing on stdout without --json" || fail "nothing on stdout without --json"
grep -q "passages: " "$TMP/err" && grep -q "index: " "$TMP/err" &&
    pass "summary names passages and index size" || fail "summary names passages and index size"
grep -q $'\r' "$TMP/err" && fail "no progress line when stderr is not a terminal" ||
    pass "no progress line when stderr is not a terminal"
run "$NX_INDEX" --db "$DB" -q "$SAMPLE"
expect "--quiet exits 0" 0
[ ! -s "$TMP/err" ] && [ ! -s "$TMP/out" ] && pass "--quiet prints nothing" || fail "--quiet prints nothing"

ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$DB" --check
expect "--check of a good index exits 0" 0 "" ": ok"
ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$DB" --check --json
pycheck "--check --json reports ok" "$TMP/out" "
import json, sys
c = json.loads(open(sys.argv[1]).read())
if c != {'format': 1, 'type': 'check', 'db': '$DB', 'ok': True, 'error': None}: sys.exit(str(c))
"
ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$TMP/nothing-here" --check
expect "--check of a missing index exits 2" 2 "newsidx-index: "
run "$NX_INDEX" --db "$DB" --stats
expect "--stats counts the sample's articles" 0 "" "articles: $SAMPLE_ARTICLES"
run "$NX_INDEX" --db "$DB" --stats --json
pycheck "--stats --json has the counts" "$TMP/out" "
import json, sys
s = json.loads(open(sys.argv[1]).read())
if (s['format'], s['type'], s['articles']) != (1, 'stats', $SAMPLE_ARTICLES): sys.exit(str(s))
if not s['passages'] >= s['articles'] or not s['terms'] > 0: sys.exit(str(s))
"
run "$NX_INDEX" --db "$TMP/nothing-here" --stats
expect "--stats of a missing index exits 2 naming it" 2 "newsidx-index: '$TMP/nothing-here'"
[ ! -e "$TMP/nothing-here" ] && pass "--stats creates no index" || fail "--stats creates no index"
run "$NX_INDEX" --db "$DB" --stats "$SAMPLE"
expect "--stats with INPUT exits 2" 2 "--stats takes no INPUT"

# --- bad input among good --------------------------------------------------------------------
mkdir -p "$TMP/mixed"
cat >"$TMP/mixed/feed.jsonl" <<'JSON'
{"id": "mixed-1", "title": "Talks resume", "date": "2022-05-02", "body": "Delegations met again to discuss a ceasefire."}
{"id": "mixed-2", "title": "Broken record", "body": "this line never closes
{"id": "mixed-3", "title": "Gas flows", "date": "2022-05-03", "body": "Pipeline flows were steady overnight."}
JSON
cp "$SAMPLE/txt/ledger-analysis-truce.txt" "$TMP/mixed/"
run "$NX_INDEX" --db "$TMP/mixed.nx" --json "$TMP/mixed"
expect "a malformed line exits 1" 1
grep -q "^newsidx-index: $TMP/mixed/feed.jsonl:2: " "$TMP/err" &&
    pass "diagnostic names the file and line" || fail "diagnostic names the file and line"
[ "$(grep -c . "$TMP/err")" -eq 1 ] && pass "one diagnostic for one bad line" ||
    fail "one diagnostic for one bad line"
summary_is "the good articles are indexed" "$TMP/out" articles_added=3 articles_skipped=1 \
    skipped.json=1

run "$NX_INDEX" --db "$TMP/mixed.nx" --json "$TMP/mixed" "$TMP/no-such-file.jsonl"
expect "a missing input file exits 1" 1 "newsidx-index: $TMP/no-such-file.jsonl: "

# --- standard input, replacing, pruning --------------------------------------------------------
printf '%s\n' '{"id": "stdin-1", "title": "Piped", "body": "An article read from standard input about NATO."}' >"$TMP/stdin.jsonl"
run "$NX_INDEX" --db "$TMP/mixed.nx" --json - <"$TMP/stdin.jsonl"
expect "'-' reads JSON Lines from stdin" 0
summary_is "the piped article is added" "$TMP/out" articles_added=1
sed 's/steady overnight/interrupted overnight/' "$TMP/mixed/feed.jsonl" >"$TMP/feed2" &&
    mv "$TMP/feed2" "$TMP/mixed/feed.jsonl"
run "$NX_INDEX" --db "$TMP/mixed.nx" --json "$TMP/mixed"
summary_is "a changed article is replaced" "$TMP/out" articles_replaced=1 articles_unchanged=2
rm "$TMP/mixed/ledger-analysis-truce.txt"
run "$NX_INDEX" --db "$TMP/mixed.nx" --json --prune "$TMP/mixed"
summary_is "--prune removes vanished articles" "$TMP/out" articles_removed=2 articles_unchanged=2

# --- fatal errors ------------------------------------------------------------------------------
echo "not an index" >"$TMP/plain-file"
run "$NX_INDEX" --db "$TMP/plain-file" -q "$SAMPLE/txt"
expect "an index path that is a file exits 2" 2 "newsidx-index: "
run "$NX_INDEX" --db "$DB" --lexicon "$TMP/no-such-lexicon" -q "$SAMPLE/txt"
expect "a missing lexicon exits 2" 2 "no-such-lexicon"
"$NX_INDEX" --db "$DB" --json "$SAMPLE" >/dev/full 2>"$TMP/err"
RC=$?
expect "writing to a full disk exits 1" 1 "newsidx-index: write error"

# --- a second writer ---------------------------------------------------------------------------
# The holder keeps the write lock while it waits for JSON Lines on a fifo that we keep open.
mkfifo "$TMP/fifo"
"$NX_INDEX" --db "$DB" -q - <"$TMP/fifo" >"$TMP/holder.out" 2>&1 &
HOLDER=$!
BACKGROUND+=("$HOLDER")
exec 3>"$TMP/fifo"
# The holder has the index open (and so the lock) once it has files open inside it.
for _ in $(seq 150); do
    ls -l "/proc/$HOLDER/fd" 2>/dev/null | grep -qF -- "-> $DB/" && break
    sleep 0.2
done
run "$NX_INDEX" --db "$DB" -q "$SAMPLE/txt"
expect "the locked message is clear" 2 \
    "newsidx-index: '$DB' is locked by another writer (use --wait to wait for it)"
run "$NX_INDEX" --db "$DB" -q --wait=0.2 "$SAMPLE/txt"
expect "--wait=SECONDS gives up with exit 2" 2 "newsidx-index: '$DB' is still locked"
"$NX_INDEX" --db "$DB" --json --wait "$SAMPLE" >"$TMP/waiter.out" 2>"$TMP/waiter.err" 3>&- &
WAITER=$!
BACKGROUND+=("$WAITER")
printf '%s\n' '{"id": "held-1", "title": "Held", "body": "A note written while the lock was held."}' >&3
exec 3>&-
wait "$HOLDER"
RC=$?
cp "$TMP/holder.out" "$TMP/err"
expect "the holder finishes normally" 0
wait "$WAITER"
RC=$?
cp "$TMP/waiter.err" "$TMP/err"
expect "--wait waits for the lock" 0
summary_is "the waiting writer indexed its input" "$TMP/waiter.out" \
    articles_unchanged=$SAMPLE_ARTICLES

# --- real data -----------------------------------------------------------------------------------
if [ -d "$NX_CORPUS/txt" ]; then
    run "$NX_INDEX" --db "$TMP/corpus.nx" --json "$NX_CORPUS/txt"
    expect "corpus txt/ indexes with exit 0" 0
    n=$(find "$NX_CORPUS/txt" -name '*.txt' | wc -l)
    summary_is "corpus txt/ articles all added" "$TMP/out" articles_added="$n" articles_skipped=0
else
    skip "../shared/corpus is absent: corpus checks not run"
fi

finish
