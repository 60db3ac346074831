#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A lexicon file: newsidx-index --lexicon extends the built-in lexicon (--lexicon-only
# replaces it), newsidx-query --lexicon adds spellings to a built index without re-indexing.
. "$(dirname "$0")/common.sh"

# Three articles written for this test: "Lavrow" is a spelling the built-in lexicon lacks.
cat >"$TMP/a.jsonl" <<'JSONL'
{"id":"w1","title":"Antalya","date":"2022-03-01","source":"test","body":"Minister Lavrow said the talks would go on in Antalya next week, with the delegations."}
{"id":"w2","title":"Proposal","date":"2022-03-02","source":"test","body":"Lavrov said the proposal was not serious, according to the ministry in Moscow."}
{"id":"w3","title":"Kremlin","date":"2022-03-03","source":"test","body":"Putin met the Security Council and Marta Kovalenko described the meeting to reporters."}
JSONL
cat >"$TMP/extra.lex" <<'LEX'
# adds a spelling to a built-in actor, and an actor of its own
actor lavrov: Lavrow
actor kovalenko: Marta Kovalenko
LEX

ids() { python3 -c "
import json, sys
print(' '.join(sorted(r['article_id'] for r in map(json.loads, open(sys.argv[1])) if r['type'] == 'result')))" "$TMP/out"; }

# --- built with the built-in lexicon; spellings added when querying -------------------------
run "$NX_INDEX" --db "$TMP/plain" -q "$TMP/a.jsonl"
expect "index with the built-in lexicon" 0
run "$NX_QUERY" --db "$TMP/plain" --actor lavrov --json
[ "$(ids)" = "w2" ] && pass "built-in lexicon: --actor lavrov misses the Lavrow spelling" ||
    fail "built-in lexicon: --actor lavrov gave '$(ids)'"
run "$NX_QUERY" --db "$TMP/plain" --lexicon "$TMP/extra.lex" --actor lavrov --json
[ "$(ids)" = "w1 w2" ] && pass "query --lexicon: the added spelling finds Lavrow, no re-index" ||
    fail "query --lexicon: --actor lavrov gave '$(ids)'"
run "$NX_QUERY" --db "$TMP/plain" --lexicon "$TMP/extra.lex" --no-color 'actor:lavrov'
expect "query --lexicon: the added spelling is highlighted" 0 "" "[[Lavrow]]"
run "$NX_QUERY" --db "$TMP/plain" --lexicon "$TMP/extra.lex" --list actors
expect "query --lexicon: --list shows the added spelling" 0 "" "Lavrow"
run "$NX_QUERY" --db "$TMP/plain" --lexicon "$TMP/extra.lex" --actor kovalenko --json
[ "$(ids)" = "w3" ] && pass "query --lexicon: a new actor matches by its words" ||
    fail "query --lexicon: --actor kovalenko gave '$(ids)'"
printf 'actor lavrov: Kuleba\n' >"$TMP/clash.lex"
run "$NX_QUERY" --db "$TMP/plain" --lexicon "$TMP/clash.lex" --actor lavrov
expect "query --lexicon: a clash names the file and line" 1 \
    "clash.lex:1: 'kuleba' is a variant of both actor 'kuleba' and actor 'lavrov'"
run "$NX_QUERY" --db "$TMP/plain" --lexicon "$TMP/none.lex" --actor lavrov
expect "query --lexicon: a missing file" 1 "none.lex' does not exist"

# --- indexed with --lexicon: the built-in lexicon extended ----------------------------------
run "$NX_INDEX" --db "$TMP/ext" -q --lexicon "$TMP/extra.lex" "$TMP/a.jsonl"
expect "index --lexicon" 0
run "$NX_QUERY" --db "$TMP/ext" --actor lavrov --json
[ "$(ids)" = "w1 w2" ] && pass "index --lexicon: Lavrow tagged as lavrov" ||
    fail "index --lexicon: --actor lavrov gave '$(ids)'"
run "$NX_QUERY" --db "$TMP/ext" --actor putin --json
[ "$(ids)" = "w3" ] && pass "index --lexicon: built-in actors still tagged" ||
    fail "index --lexicon: --actor putin gave '$(ids)'"
run "$NX_INDEX" --db "$TMP/ext" --stats
expect "index --lexicon: the id names the built-in lexicon and the file" 0 "" "lexicon: builtin-"
grep -q '+file-' "$TMP/out" && pass "index --lexicon: id has +file-" || fail "id: $(cat "$TMP/out")"
run "$NX_INDEX" --db "$TMP/ext" --json --lexicon "$TMP/extra.lex" "$TMP/a.jsonl"
expect "index --lexicon again: nothing re-tagged" 0 "" '"articles_unchanged":3'
run "$NX_INDEX" --db "$TMP/ext" --json "$TMP/a.jsonl"
expect "index without --lexicon keeps the recorded one" 0 "" '"articles_unchanged":3'

# --- --lexicon-only: the file alone --------------------------------------------------------
run "$NX_INDEX" --db "$TMP/only" -q --lexicon "$TMP/extra.lex" --lexicon-only "$TMP/a.jsonl"
expect "index --lexicon-only" 0
run "$NX_QUERY" --db "$TMP/only" --list actors --json
pycheck "--lexicon-only: only the file's actors" "$TMP/out" "
import json, sys
o = json.load(open(sys.argv[1]))
keys = sorted(e['key'] for e in o['entries'])
if keys != ['kovalenko', 'lavrov']: sys.exit(keys)"
run "$NX_INDEX" --db "$TMP/only" --lexicon-only "$TMP/a.jsonl"
expect "--lexicon-only without --lexicon is a usage error" 2 "--lexicon-only goes with --lexicon"
run "$NX_INDEX" --db "$TMP/only" --check --repair --lexicon "$TMP/extra.lex" --lexicon-only
expect "--lexicon-only with --repair is a usage error" 2 "--lexicon-only does not go with --repair"

finish
