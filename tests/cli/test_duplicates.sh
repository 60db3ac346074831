#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Copies from the outside (docs/duplicates.md): one hit with "also in", counts that say they
# count a story once, and --duplicates show; an archive written here.
. "$(dirname "$0")/common.sh"

IN=$TMP/copies.jsonl
body='Ships carrying grain left the southern port on Tuesday under the new corridor deal, the first convoy since the blockade began.'
cat >"$IN" <<JSON
{"id": "late", "title": "Grain ships sail", "date": "2022-08-02", "source": "Reuters", "body": "$body"}
{"id": "early", "title": "Grain convoy leaves", "date": "2022-08-01", "source": "AP", "url": "https://example.org/early", "body": "$body"}
{"id": "other", "title": "Harvest", "date": "2022-08-05", "source": "AP", "body": "Farmers brought in a record grain harvest in the east despite the shelling, officials said."}
JSON
DB=$TMP/copies.nx
"$NX_INDEX" --db "$DB" -q "$IN" || exit 1

run "$NX_QUERY" --db "$DB" corridor convoy
expect "copies are one hit" 0 "" "also in: Reuters 2022-08-02"
[ "$(grep -c '^[0-9]*\. ' "$TMP/out")" = 1 ] && grep -q "^1\. Grain convoy leaves" "$TMP/out" &&
    pass "the hit shown is the earliest copy" || fail "the hit shown is the earliest copy: $(cat "$TMP/out")"

run "$NX_QUERY" --db "$DB" --json corridor convoy
pycheck "--json lists the copies as also_in" "$TMP/out" "
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')][:-1]
if len(hits) != 1 or hits[0]['article_id'] != 'early': sys.exit(hits)
also = hits[0]['also_in']
if [c['article_id'] for c in also] != ['late'] or also[0]['source'] != 'Reuters' or \
   also[0]['date'] != '2022-08-02' or also[0]['title'] != 'Grain ships sail': sys.exit(also)
if len(hits[0]['story']) != 16: sys.exit(hits[0]['story'])
"

run "$NX_QUERY" --db "$DB" --duplicates show corridor convoy
expect "--duplicates show shows each copy" 0
[ "$(grep -c '^[0-9]*\. ' "$TMP/out")" = 2 ] && ! grep -q "also in" "$TMP/out" &&
    pass "--duplicates show: two hits, no also in" || fail "--duplicates show: $(cat "$TMP/out")"

run "$NX_QUERY" --db "$DB" --count grain
expect "--count counts a story once and says so" 0 "" "2 articles, 3 passages (copies counted once)"
run "$NX_QUERY" --db "$DB" --count --duplicates show grain
expect "--count --duplicates show counts each copy" 0 "" "3 articles, 3 passages"
grep -q "copies counted once" "$TMP/out" && fail "--duplicates show still says copies counted once" ||
    pass "--duplicates show does not say copies counted once"
run "$NX_QUERY" --db "$DB" --count --json grain
expect "--count --json says how copies counted" 0 "" '"duplicates":"counted once"'
run "$NX_QUERY" --db "$DB" --facets grain
expect "--facets says copies counted once" 0 "" "articles by month (copies counted once):"
run "$NX_QUERY" --db "$DB" --timeline grain
expect "--timeline says copies counted once" 0 "" \
    "2 articles match: 2 dated (by month above), 0 without a date (copies counted once)"
run "$NX_QUERY" --db "$DB" --duplicates twice grain
expect "a bad --duplicates value is a usage error" 2 \
    "invalid --duplicates 'twice': expected collapse or show"
finish
