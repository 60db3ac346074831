#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# newsidx-query from the outside: options, exit codes, terminal and JSON Lines output.
. "$(dirname "$0")/common.sh"

DB=$TMP/sample.nx
if ! "$NX_INDEX" --db "$DB" -q "$SAMPLE"; then
    fail "indexing the sample for the query checks"
    finish
fi

# jsonl_ok NAME FILE WORD: every line is a result object with all keys, its passage is
# non-empty and as long as end - start, and every match lies in it and contains WORD.
jsonl_ok() {
    pycheck "$1" "$2" "
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
if not lines: sys.exit('no results')
keys = ['format', 'type', 'rank', 'article_id', 'title', 'date', 'source', 'url', 'passage',
        'start', 'end', 'passage_end', 'matches', 'score', 'actors', 'actor_spellings', 'topics',
        'speakers', 'said']
for n, line in enumerate(lines, 1):
    r = json.loads(line)
    missing = [k for k in keys if k not in r]
    if missing: sys.exit('line %d lacks %s' % (n, missing))
    if r['format'] != 1 or r['type'] != 'result' or r['rank'] != n:
        sys.exit('line %d: format/type/rank %s %s %s' % (n, r['format'], r['type'], r['rank']))
    p = r['passage'].encode('utf-8')
    if not p or len(p) != r['end'] - r['start']: sys.exit('line %d: passage length' % n)
    if not r['start'] < r['passage_end'] <= r['end']: sys.exit('line %d: passage_end' % n)
    if len(r['actor_spellings']) != len(r['actors']): sys.exit('line %d: spellings' % n)
    if not set(r['speakers']) <= set(r['actors']): sys.exit('line %d: speakers' % n)
    if not set(r['said']) <= set(r['actors']): sys.exit('line %d: said' % n)
    if not r['matches'] and '$3': sys.exit('line %d: no matches' % n)
    for s, e in r['matches']:
        if not r['start'] <= s < e <= r['end']: sys.exit('line %d: match %d..%d' % (n, s, e))
        text = p[s - r['start']:e - r['start']].decode('utf-8').lower()
        if '$3' not in text: sys.exit('line %d: match %r lacks $3' % (n, text))
"
}

# ids_include NAME FILE ID...: the JSON Lines results in FILE include these article ids.
ids_include() {
    local name=$1 file=$2
    shift 2
    pycheck "$name" "$file" "
import json, sys
ids = [json.loads(l)['article_id'] for l in open(sys.argv[1], encoding='utf-8')]
missing = [i for i in '$*'.split() if i not in ids]
if missing: sys.exit('missing %s in %s' % (missing, ids))
"
}

# hits FILE: the results of FILE, without the summary line that ends them (checked on its own);
# prints the name of the copy.
hits() {
    grep -v '"type":"summary"' "$1" >"$1.hits"
    echo "$1.hits"
}

# --- usage ---------------------------------------------------------------------------------
run "$NX_QUERY" --help
expect "--help exits 0" 0 "" "Usage: newsidx-query"
grep -q "Exit status" "$TMP/out" && grep -q '"type":"facets"' "$TMP/out" &&
    pass "--help lists exit codes and the JSON lines" || fail "--help lists exit codes and the JSON lines"
run "$NX_QUERY" -V
expect "-V names program and library" 0 "" "libnewsidx"
run "$NX_QUERY" --db "$DB" --frobnicate ceasefire
expect "unknown option exits 2" 2 "Try 'newsidx-query --help' for more information."
run "$NX_QUERY" ceasefire
expect "missing --db exits 2" 2 "newsidx-query: missing --db"
run "$NX_QUERY" --db "$DB" --since 2022-13-01 ceasefire
expect "bad --since exits 2" 2 "invalid --since '2022-13-01'"
run "$NX_QUERY" --db "$DB" --until 2022-02-30 ceasefire
expect "impossible --until exits 2" 2 "invalid --until"
for bad in 2022-02-31 '2022-03-01 junk' 2022-3 2023-02-29; do
    run "$NX_QUERY" --db "$DB" --since "$bad" ceasefire
    expect "--since '$bad' is a usage error" 2 \
        "newsidx-query: invalid --since '$bad': expected a date that exists, as YYYY-MM-DD, YYYY-MM or YYYY"
done
run "$NX_QUERY" --db "$DB" --since 2022-04-02 --until 2022-03 ceasefire
expect "--since after a month's --until exits 2" 2 "--since 2022-04-02 is after --until 2022-03"
run "$NX_QUERY" --db "$DB" --sort popularity ceasefire
expect "bad --sort exits 2" 2 "invalid --sort"
run "$NX_QUERY" --db "$DB" -n 0 ceasefire
expect "--limit 0 exits 2" 2 "invalid --limit"
run "$NX_QUERY" --db "$DB" --color=sometimes ceasefire
expect "bad --color exits 2" 2 "invalid --color"
run "$NX_QUERY" --db "$DB"
expect "nothing to search for exits 2" 2 "Try 'newsidx-query --help'"

# --- failures while working ------------------------------------------------------------------
run "$NX_QUERY" --db "$DB" '(ceasefire'
expect "a syntax error exits 1" 1 "newsidx-query: query: "
grep -q "expected" "$TMP/err" && pass "the syntax error says what was expected" ||
    fail "the syntax error says what was expected"
run "$NX_QUERY" --db "$TMP/no-such-index" ceasefire
expect "a missing index exits 1" 1 "newsidx-query: "
run "$NX_QUERY" --db "$DB" --actor nobody-at-all
expect "an unknown actor exits 1" 1 "newsidx-query: "
"$NX_QUERY" --db "$DB" ceasefire >/dev/full 2>"$TMP/err"
RC=$?
expect "writing to a full disk exits 1" 1 "newsidx-query: write error"

# --- JSON Lines ------------------------------------------------------------------------------
run "$NX_QUERY" --db "$DB" --json -n 20 pipeline
expect "--json pipeline exits 0" 0
[ ! -s "$TMP/err" ] && pass "--json prints nothing on stderr" || fail "--json prints nothing on stderr"
jsonl_ok "--json results are complete and matches lie on the word" "$(hits "$TMP/out")" pipeline
ids_include "--json finds the pipeline articles" "$(hits "$TMP/out")" sample-002 sample-009 sample-019

# A hit is its passage as indexed (end == passage_end), short or not; --passage-only is
# accepted and changes nothing.
"$NX_QUERY" --db "$DB" --json -n 100 --per-article 10 talks >"$TMP/shown" 2>/dev/null
"$NX_QUERY" --db "$DB" --json -n 100 --per-article 10 --passage-only talks >"$TMP/indexed" \
    2>/dev/null
hits "$TMP/indexed" >/dev/null
jsonl_ok "--json shows passages completely" "$(hits "$TMP/shown")" talk
pycheck "hits are their passages as indexed; --passage-only changes nothing" "$(hits "$TMP/shown")" "
import json, sys
shown = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
indexed = [json.loads(l) for l in open('$TMP/indexed.hits', encoding='utf-8')]
if not shown: sys.exit('no hits')
if shown != indexed: sys.exit('--passage-only changed the output')
if any(r['end'] != r['passage_end'] for r in shown): sys.exit('a passage was continued')
short = [r for r in shown if len(r['passage'].split()) < 25]
if not short: sys.exit('no short passage among the hits')
"

# said: his reported words and his transcript turns; not the Russian report (English verbs only).
run "$NX_QUERY" --db "$DB" --json -n 50 --per-article 5 'said:lavrov'
expect "said:lavrov exits 0" 0
ids_include "said:lavrov finds reports and transcript turns" "$(hits "$TMP/out")" sample-001 sample-006 \
    sample-021
pycheck "said:lavrov leaves out the Russian report (English verbs only)" "$(hits "$TMP/out")" "
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
if 'sample-007' in [r['article_id'] for r in rs]: sys.exit('sample-007 (Russian) was found')
if any('lavrov' not in r['said'] for r in rs): sys.exit('a hit does not say it holds his words')
"

run "$NX_QUERY" --db "$DB" --json -n 50 --actor lavrov
expect "--actor lavrov exits 0" 0
ids_include "--actor lavrov finds every spelling" "$(hits "$TMP/out")" sample-001 sample-006 sample-007
pycheck "the matched spelling is reported" "$(hits "$TMP/out")" "
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    want = {'sample-006': 'Lavrov', 'sample-007': 'Лавров'}.get(r['article_id'])
    if want is None: continue
    spell = dict(zip(r['actors'], r['actor_spellings'])).get('lavrov') or ''
    if want not in spell: sys.exit('%s: spelling %r' % (r['article_id'], spell))
"
run "$NX_QUERY" --db "$DB" --json -n 50 --per-article 5 --actor lavrov --topic ceasefire
pycheck "a transcript turn that does not name Lavrov is found as his and says so" "$(hits "$TMP/out")" "
import json, sys
turns = [r for r in map(json.loads, open(sys.argv[1], encoding='utf-8'))
         if r['article_id'] == 'sample-021' and 'lavrov' in r['speakers']]
if not any('Lavrov' not in r['passage'] for r in turns): sys.exit('no unnamed Lavrov turn')
if any('lavrov' not in r['actors'] for r in turns): sys.exit('speaker not among actors')
"
run "$NX_QUERY" --db "$DB" -n 50 --per-article 5 --actor lavrov 'truce'
expect "the terminal output marks a speaking turn" 0 "" "actor: lavrov (speaking; not named in this passage)"
run "$NX_QUERY" --db "$DB" --json -n 50 --per-article 5 'speaker:lavrov'
pycheck "speaker:lavrov finds his turns in the transcript only" "$(hits "$TMP/out")" "
import json, sys
rs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
if len(rs) != 2: sys.exit('%d results' % len(rs))
if any(r['article_id'] != 'sample-021' or 'lavrov' not in r['speakers'] for r in rs):
    sys.exit('a result outside his turns')
"
run "$NX_QUERY" --db "$DB" --json -n 50 --actor 'Çavuşoğlu'
ids_include "--actor with accents finds the unaccented spelling" "$(hits "$TMP/out")" sample-010 sample-018

# --since and --until take what date: takes: a month starts on its first day and ends on its last.
# count_with OPTION...: the --count --json line for +Ukraine with these options, or "exit N".
count_with() {
    "$NX_QUERY" --db "$DB" --count --json "$@" +Ukraine 2>"$TMP/err" || echo "exit $?"
}
since_month=$(count_with --since 2022-03)
since_day=$(count_with --since 2022-03-01)
[ "${since_month#\{}" != "$since_month" ] && [ "$since_month" = "$since_day" ] &&
    pass "--since 2022-03 counts as --since 2022-03-01" ||
    fail "--since 2022-03 counts as --since 2022-03-01: '$since_month' vs '$since_day'"
until_month=$(count_with --until 2022-03)
until_last=$(count_with --until 2022-03-31)
until_mid=$(count_with --until 2022-03-15)
[ "${until_month#\{}" != "$until_month" ] && [ "$until_month" = "$until_last" ] &&
    [ "$until_month" != "$until_mid" ] &&
    pass "--until 2022-03 counts as --until 2022-03-31" ||
    fail "--until 2022-03 counts as --until 2022-03-31: '$until_month' '$until_last' '$until_mid'"
run "$NX_QUERY" --db "$DB" --count --json --since 2022-03 --until 2022-03 +Ukraine
both=$(cat "$TMP/out")
run "$NX_QUERY" --db "$DB" --count --json date:2022-03 +Ukraine
[ "$RC" -eq 0 ] && [ -n "$both" ] && [ "$both" = "$(cat "$TMP/out")" ] &&
    pass "--since/--until 2022-03 select what date:2022-03 selects" ||
    fail "--since/--until 2022-03 select what date:2022-03 selects: '$both' vs '$(cat "$TMP/out")'"

run "$NX_QUERY" --db "$DB" --json -n 50 --topic ceasefire --since 2022-03-15 --until 2022-04-15
expect "--topic with dates exits 0" 0
pycheck "dates stay within --since/--until" "$(hits "$TMP/out")" "
import json, sys
dates = [json.loads(l)['date'] for l in open(sys.argv[1])]
if not dates: sys.exit('no results')
bad = [d for d in dates if not d or not '2022-03-15' <= d <= '2022-04-15']
if bad: sys.exit('out of range: %s' % bad)
"
run "$NX_QUERY" --db "$DB" --json -n 50 --sort date nato
pycheck "--sort date is newest first" "$(hits "$TMP/out")" "
import json, sys
dates = [json.loads(l)['date'] or '' for l in open(sys.argv[1])]
dated = [d for d in dates if d]
if len(dated) < 2 or dated != sorted(dated, reverse=True): sys.exit('order %s' % dates)
"
"$NX_QUERY" --db "$DB" --json -n 2 gas >"$TMP/two" 2>/dev/null
"$NX_QUERY" --db "$DB" --json -n 1 --offset 1 gas >"$TMP/second" 2>/dev/null
hits "$TMP/second" >/dev/null
pycheck "--offset pages through the same ranking" "$(hits "$TMP/two")" "
import json, sys
two = [json.loads(l)['article_id'] for l in open(sys.argv[1])]
second = [json.loads(l) for l in open('$TMP/second.hits')]
if len(two) != 2 or len(second) != 1 or second[0]['article_id'] != two[1]:
    sys.exit('%s then %s' % (two, [s['article_id'] for s in second]))
if second[0]['rank'] != 2: sys.exit('rank %s' % second[0]['rank'])
"

run "$NX_QUERY" --db "$DB" --json --count ceasefire
expect "--count --json exits 0" 0
pycheck "--count --json is one count object" "$(hits "$TMP/out")" "
import json, sys
lines = open(sys.argv[1]).read().splitlines()
if len(lines) != 1: sys.exit('%d lines' % len(lines))
c = json.loads(lines[0])
if c.get('format') != 1 or c.get('type') != 'count': sys.exit('object %s' % c)
if not 1 <= c['articles'] <= c['passages']: sys.exit('counts %s' % c)
"
run "$NX_QUERY" --db "$DB" --json --facets --topic nato
expect "--facets --json exits 0" 0
pycheck "--facets ends with one facets object" "$(hits "$TMP/out")" "
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
if len(objs) < 2: sys.exit('%d lines' % len(objs))
if any(o['type'] != 'result' for o in objs[:-1]): sys.exit('results first')
f = objs[-1]
if f['type'] != 'facets' or sorted(f['facets']) != ['actor', 'month', 'said', 'source', 'topic']:
    sys.exit('facets object %s' % f)
if 'nato' not in [v['name'] for v in f['facets']['topic']]: sys.exit('topic counts %s' % f)
"
run "$NX_QUERY" --db "$DB" --json --explain -n 1 ceasefire
pycheck "--explain adds the explanation" "$(hits "$TMP/out")" "
import json, sys
r = json.loads(open(sys.argv[1]).readline())
if not r.get('explain'): sys.exit('no explain in %s' % r)
"
run "$NX_QUERY" --db "$DB" --json -n 50 --per-article 3 gas
pycheck "--per-article 3 allows several passages per article" "$(hits "$TMP/out")" "
import json, sys, collections
ids = collections.Counter(json.loads(l)['article_id'] for l in open(sys.argv[1]))
if max(ids.values()) > 3 or max(ids.values()) < 2: sys.exit('per article %s' % ids)
"
cp "$TMP/out" "$TMP/gas.json"
run "$NX_QUERY" --db "$DB" -n 50 --no-color gas
pycheck "the default is 3 per article, shown together under the article" "$TMP/out" "
import json, re, sys
runs = [json.loads(l) for l in open('$TMP/gas.json') if '\"result\"' in l]
want = {}  # article -> its ranks, in the JSON output's order
for r in runs:
    want.setdefault(r['article_id'], []).append(r['rank'])
got, art = {}, None
for line in open(sys.argv[1], encoding='utf-8'):
    m = re.match(r'(\d+)\. ', line)
    if m:
        art = None
        first = int(m.group(1))
        continue
    m = re.match(r'   (\S+)  |   (\S+)\n', line)
    if art is None and m and first is not None:
        art = m.group(1) or m.group(2)
        got[art] = [first]
        first = None
        continue
    m = re.match(r'   (\d+)\. \(same article\)', line)
    if m:
        got[art].append(int(m.group(1)))
if got != want: sys.exit('grouped %s, ranks %s' % (got, want))
if not any(len(v) > 1 for v in got.values()): sys.exit('no article with two hits')
"

# --- no results ------------------------------------------------------------------------------
run "$NX_QUERY" --db "$DB" xylophonequartet
expect "no results is success" 0 "no results"
[ "$(cat "$TMP/out")" = "0 articles match (none shown)" ] && pass "no results prints only the total" ||
    fail "no results prints only the total: $(cat "$TMP/out")"
run "$NX_QUERY" --db "$DB" --json xylophonequartet
expect "no results with --json exits 0" 0
[ "$(cat "$TMP/out")" = '{"format":1,"type":"summary","articles":0,"exact":true,"articles_min":0,"articles_max":0,"passages":0,"first":0,"last":0,"suggestions":[],"corrected":false,"not_in_lexicon":[]}' ] &&
    [ ! -s "$TMP/err" ] && pass "no results with --json prints only the summary" ||
    fail "no results with --json prints only the summary: $(cat "$TMP/out")"

# --- the lexicon: listed, and near keys for an unknown name ------------------------------------
run "$NX_QUERY" --db "$DB" --list actors
expect "--list actors exits 0" 0 "" "Sergei Lavrov"
grep -q "^lavrov  *Sergei Lavrov$" "$TMP/out" && grep -q "Sergey Lavrov | Лавров" "$TMP/out" &&
    pass "--list actors gives key, name and spellings" ||
    fail "--list actors gives key, name and spellings: $(head -2 "$TMP/out")"
run "$NX_QUERY" --db "$DB" --list topics --json
pycheck "--list topics --json is one lexicon object" "$TMP/out" "
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
if len(lines) != 1: sys.exit('%d lines' % len(lines))
o = json.loads(lines[0])
if o['format'] != 1 or o['type'] != 'lexicon' or o['kind'] != 'topics': sys.exit(o)
e = {x['key']: x for x in o['entries']}
if sorted(e) != ['ceasefire', 'energy', 'nato'] or e['nato']['name'] != 'NATO': sys.exit(sorted(e))
if 'truce' not in e['ceasefire']['variants']: sys.exit(e['ceasefire'])
"
run "$NX_QUERY" --db "$DB" --list people
expect "--list of something else exits 2" 2 "invalid --list 'people': expected actors or topics"
run "$NX_QUERY" --db "$DB" --actor lavorv ceasefire
expect "an unknown actor gets the nearest key" 1 \
    "newsidx-query: unknown actor 'lavorv'; did you mean: lavrov?"
run "$NX_QUERY" --db "$DB" --topic sanctions
expect "an unknown topic gets the topic with that word" 1 \
    "newsidx-query: unknown topic 'sanctions'; did you mean: energy?"
run "$NX_QUERY" --db "$DB" 'actor:zelenskky peace'
expect "actor: in the text too" 1 "unknown actor 'zelenskky'; did you mean: zelenskyy?"

# --- typos: the index's own words ----------------------------------------------------------------
run "$NX_QUERY" --db "$DB" ceasfire
expect "a word the index lacks gets the near word it has" 0 \
    "newsidx-query: did you mean: ceasefire? (--fix-typos searches it)"
run "$NX_QUERY" --db "$DB" --fix-typos -n 50 --json 'ceasfire Antalya'
"$NX_QUERY" --db "$DB" -n 50 --json 'ceasefire Antalya' >"$TMP/right" 2>/dev/null
pycheck "--fix-typos searches the correction" "$TMP/out" "
import json, sys
a = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
b = [json.loads(l) for l in open('$TMP/right', encoding='utf-8')]
if [r['article_id'] for r in a[:-1]] != [r['article_id'] for r in b[:-1]] or len(a) < 3:
    sys.exit('%d and %d lines' % (len(a), len(b)))
if a[-1]['suggestions'] != ['ceasefire Antalya'] or not a[-1]['corrected']: sys.exit(a[-1])
if b[-1]['suggestions'] != []: sys.exit(b[-1])
"
run "$NX_QUERY" --db "$DB" Antalya
[ ! -s "$TMP/err" ] && pass "a rare word with no frequent neighbour stays" || fail "a rare word stays: $(cat "$TMP/err")"

# --- totals: the results, --count and --facets count the same articles ------------------------
# (dated articles with a source: the .txt files of the sample have neither)
"$NX_QUERY" --db "$DB" --count --since 2000 gas >"$TMP/count" 2>/dev/null
read -r ARTICLES _ PASSAGES _ <"$TMP/count"
run "$NX_QUERY" --db "$DB" -n 2 --since 2000 gas
[ "$(tail -n 1 "$TMP/out")" = "$ARTICLES articles match (showing 1-2)" ] &&
    pass "text results end with the total of --count" ||
    fail "text results end with the total of --count ($(cat "$TMP/count")): $(tail -n 1 "$TMP/out")"
run "$NX_QUERY" --db "$DB" -n 2 --offset 1 --json --since 2000 gas
pycheck "--json results end with a summary line, the total of --count" "$TMP/out" "
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
s = objs[-1]
if [o['type'] for o in objs] != ['result', 'result', 'summary']: sys.exit([o['type'] for o in objs])
want = {'format': 1, 'type': 'summary', 'articles': $ARTICLES, 'exact': True,
        'articles_min': $ARTICLES, 'articles_max': $ARTICLES, 'passages': $PASSAGES, 'first': 2,
        'last': 3, 'suggestions': [], 'corrected': False, 'not_in_lexicon': []}
if s != want: sys.exit('%s, not %s' % (s, want))
"
python3 -m json.tool --json-lines "$TMP/out" >/dev/null && pass "--json is JSON Lines that json.tool reads" ||
    fail "--json is JSON Lines that json.tool reads"
for unit in articles passages; do
    run "$NX_QUERY" --db "$DB" --json --facets $unit --since 2000 gas
    want=$([ $unit = articles ] && echo "$ARTICLES" || echo "$PASSAGES")
    pycheck "--facets $unit: each article's source and month once, adding up to --count" "$TMP/out" "
import json, sys
f = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')][-1]
if f['type'] != 'facets' or f['unit'] != '$unit': sys.exit(f)
for facet in 'source', 'month':
    total = sum(v['count'] for v in f['facets'][facet])
    if total != $want: sys.exit('%s adds up to %d, not $want' % (facet, total))
"
done
run "$NX_QUERY" --db "$DB" --facets gas
grep -q "^articles by month (copies counted once):" "$TMP/out" && pass "text facets say they count articles" ||
    fail "text facets say they count articles"
run "$NX_QUERY" --db "$DB" --facets passages gas
grep -q "^passages by month:" "$TMP/out" && pass "--facets passages counts passages" ||
    fail "--facets passages counts passages"
run "$NX_QUERY" --db "$DB" --facets=pages gas
expect "--facets with another unit exits 2" 2 "invalid --facets 'pages'"

# --- timeline: articles per period, adding up to --count ---------------------------------------
# (ceasefire matches dated articles and .txt files without a date)
"$NX_QUERY" --db "$DB" --count ceasefire >"$TMP/count" 2>/dev/null
read -r ARTICLES _ <"$TMP/count"
for period in day week month; do
    run "$NX_QUERY" --db "$DB" --json --timeline $period ceasefire
    pycheck "--timeline $period --json: periods in order, gaps as 0, adding up to --count" "$TMP/out" "
import json, re, sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
if len(lines) != 1: sys.exit('%d lines' % len(lines))
t = json.loads(lines[0])
shape = {'day': r'\d{4}-\d\d-\d\d$', 'week': r'\d{4}-W\d\d$', 'month': r'\d{4}-\d\d$'}['$period']
names = [c['period'] for c in t['counts']]
if t['type'] != 'timeline' or t['period'] != '$period' or t['articles'] != $ARTICLES: sys.exit(t)
if not all(re.match(shape, n) for n in names) or names != sorted(set(names)): sys.exit(names)
if t['dated'] != sum(c['count'] for c in t['counts']) or t['dated'] + t['undated'] != $ARTICLES:
    sys.exit(t)
if t['undated'] == 0 or t['counts'][0]['count'] == 0 or t['counts'][-1]['count'] == 0: sys.exit(t)
if '$period' == 'week' and 0 not in [c['count'] for c in t['counts']]: sys.exit('no gap: %s' % t)
"
done
run "$NX_QUERY" --db "$DB" --timeline ceasefire
expect "--timeline prints a chart" 0 "" "2022-03    3 ####"
tail -n 1 "$TMP/out" | grep -qx "$ARTICLES articles match: 5 dated (by month above), 2 without a date (copies counted once)" &&
    pass "--timeline ends with the total and the articles without a date" ||
    fail "--timeline ends with the total: $(tail -n 1 "$TMP/out")"
run "$NX_QUERY" --db "$DB" --timeline week --actor zelenskyy
expect "--timeline week takes an actor" 0 "" "-W"
run "$NX_QUERY" --db "$DB" --timeline=year ceasefire
expect "--timeline with another period exits 2" 2 "invalid --timeline 'year'"
run "$NX_QUERY" --db "$DB" --timeline --count ceasefire
expect "--timeline with --count exits 2" 2 "--timeline takes no --count"

# --- terminal output -------------------------------------------------------------------------
run "$NX_QUERY" --db "$DB" -n 3 pipeline
expect "terminal output exits 0" 0 "" "1. "
grep -qF "[[" "$TMP/out" && grep -qF "]]" "$TMP/out" && ! grep -q $'\033' "$TMP/out" &&
    pass "without colour matches are marked [[ ]]" || fail "without colour matches are marked [[ ]]"
grep -qF " — " "$TMP/out" && pass "the header joins title, date and source with dashes" ||
    fail "the header joins title, date and source with dashes"
run "$NX_QUERY" --db "$DB" -n 3 --color=always pipeline
grep -q $'\033\\[1;33m' "$TMP/out" && ! grep -qF "[[" "$TMP/out" &&
    pass "--color=always highlights with ANSI" || fail "--color=always highlights with ANSI"
run "$NX_QUERY" --db "$DB" -n 20 --actor lavrov
grep -qF "actor: lavrov (" "$TMP/out" && pass "terminal output names the matched spelling" ||
    fail "terminal output names the matched spelling"
run "$NX_QUERY" --db "$DB" --max-bytes 60 -n 1 'Article 5'
pycheck "--max-bytes trims the snippet" "$(hits "$TMP/out")" "
import sys
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
snip = lines[2].strip()
if len(snip.encode()) > 200 or '...' not in snip: sys.exit('snippet %r' % snip)
"
run "$NX_QUERY" --db "$DB" --count ceasefire
expect "--count prints the numbers" 0 "" " passages"

# --- awkward text ----------------------------------------------------------------------------
# Quotes, backslashes and control characters survive --json and never reach a terminal raw.
printf '%s\n' '{"id": "odd-1", "title": "A \"quoted\" back\\slash\u0007 title", "date": "2022-05-01", "source": "Odd\u001b[31m Wire", "body": "The zeppelin said \u001b[2J nothing about the \"truce\" at all."}' >"$TMP/odd.jsonl"
"$NX_INDEX" --db "$TMP/odd.nx" -q "$TMP/odd.jsonl"
run "$NX_QUERY" --db "$TMP/odd.nx" --json zeppelin
pycheck "--json keeps quotes, backslashes and control characters" "$(hits "$TMP/out")" '
import json, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").readline())
if r["title"] != "A \"quoted\" back\\slash\u0007 title": sys.exit("title %r" % r["title"])
if r["source"] != "Odd\u001b[31m Wire": sys.exit("source %r" % r["source"])
'
run "$NX_QUERY" --db "$TMP/odd.nx" zeppelin
expect "terminal output of awkward text exits 0" 0 "" "back\\slash? title"
grep -q $'\033' "$TMP/out" && fail "control characters from the index print as '?'" ||
    pass "control characters from the index print as '?'"

# --- real data -------------------------------------------------------------------------------
if [ -d "$NX_CORPUS/txt" ]; then
    "$NX_INDEX" --db "$TMP/corpus.nx" -q "$NX_CORPUS/txt"
    run "$NX_QUERY" --db "$TMP/corpus.nx" --json -n 20 ceasefire
    expect "corpus query exits 0" 0
    jsonl_ok "corpus results are valid JSON Lines" "$(hits "$TMP/out")" ""
else
    skip "../shared/corpus is absent: corpus checks not run"
fi
if [ -f "$NX_CORPUS/general.jsonl.gz" ]; then
    "$NX_INDEX" --db "$TMP/general.nx" -q "$NX_CORPUS/general.jsonl.gz"
    run "$NX_QUERY" --db "$TMP/general.nx" --json -n 50 --actor blair
    pycheck "--actor blair on general: a person the lexicon lacks, Blair passages only" "$TMP/out" "
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
hits, s = objs[:-1], objs[-1]
if s['type'] != 'summary' or s['not_in_lexicon'] != ['blair'] or s['articles'] < 100: sys.exit(s)
bad = [h['article_id'] for h in hits if 'blair' not in h['passage'].lower()]
if len(hits) != 50 or bad: sys.exit('%d hits, without Blair: %s' % (len(hits), bad))
"
    run "$NX_QUERY" --db "$TMP/general.nx" -n 1 --actor blair
    expect "--actor blair notes that the name is not in the lexicon" 0 \
        "newsidx-query: note: actor 'blair' is not in the lexicon: searched as a person"
    run "$NX_QUERY" --db "$TMP/general.nx" --count 'actor:"John Smith"'
    expect "an ambiguous surname is searched with the name or a title only" 0 "" "5 articles,"
else
    skip "../shared/corpus/general.jsonl.gz is absent: --actor blair not checked"
fi

finish
