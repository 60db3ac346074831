#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Near copies from the outside (docs/duplicates.md): one story with a changed headline, an
# added paragraph or changed boilerplate is one hit and counts once; different stories that
# share a long quote, and short reports of one template, stay apart; the clusters follow the
# index as it changes. The archive is tests/data/near-copies/ (tests/data/README.md).
. "$(dirname "$0")/common.sh"

DATA=$NX_SRC/tests/data/near-copies
DB=$TMP/near.nx
"$NX_INDEX" --db "$DB" -q "$DATA/near-copies.jsonl" || exit 1

# "ids" of the hits of a --json search: "id[copy,copy] id ..." in rank order.
shown() {
    "$NX_QUERY" --db "$DB" --json "$@" | python3 -c '
import json, sys
out = []
for l in sys.stdin:
    h = json.loads(l)
    if h["type"] == "result":
        also = [c["article_id"] for c in h["also_in"]]
        out.append(h["article_id"] + ("[" + ",".join(also) + "]" if also else ""))
print(" ".join(out))'
}
check() { # name want got
    [ "$3" = "$2" ] && pass "$1" || fail "$1: got '$3', want '$2'"
}

Q='"villages downstream overnight"' # in the first paragraph of every copy
check "near copies are one hit, the earliest shown, the others in also_in" \
    "dam-wire[dam-headline,dam-paragraph,dam-boiler]" "$(shown "$Q")"
check "a paragraph only one copy has is that copy's hit" "dam-paragraph" \
    "$(shown governor rescuers)"
run "$NX_QUERY" --db "$DB" "$Q"
expect "the text output names the copies" 0 "" \
    "also in: Morning Herald 2023-06-07, Evening Post 2023-06-07, Coast Daily 2023-06-08"
run "$NX_QUERY" --db "$DB" --count "$Q"
expect "--count counts near copies once" 0 "" "1 article, 4 passages (copies counted once)"
run "$NX_QUERY" --db "$DB" --count --duplicates show "$Q"
expect "--count --duplicates show counts each copy" 0 "" "4 articles, 4 passages"
got=$(shown --duplicates show -n 20 "$Q" | tr ' ' '\n' | sort | tr '\n' ' ')
check "--duplicates show shows each copy" "dam-boiler dam-headline dam-paragraph dam-wire " "$got"

"$NX_QUERY" --db "$DB" --json --duplicates show -n 20 villages OR quoted OR minister >"$TMP/hits"
pycheck "copies share a cluster, other stories have their own" "$TMP/hits" "
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
cl = {h['article_id']: h['cluster'] for h in hits if h['type'] == 'result'}
st = {h['article_id']: h['story'] for h in hits if h['type'] == 'result'}
dam = {cl[i] for i in cl if i.startswith('dam-')}
if len(dam) != 1 or len(next(iter(dam))) != 16: sys.exit(cl)
if len({st[i] for i in st if i.startswith('dam-')}) != 4: sys.exit(st)
others = [cl[i] for i in ('quote-energy', 'quote-workers', 'grain-odesa', 'grain-mykolaiv')]
if len(set(others) | dam) != 5: sys.exit(cl)
"

# Two stories that share a long quote: the quote's passage is one hit, the stories two.
run "$NX_QUERY" --db "$DB" --count '"rebuild the old plant"'
expect "stories sharing a quote count as two" 0 "" "2 articles, 2 passages"
got=$(shown '"rebuild the old plant"')
[ "$got" = "quote-energy[quote-workers]" ] && pass "the shared quote is one hit" ||
    fail "the shared quote is one hit: got '$got'"
check "a story's own text is its own hit (energy)" "quote-energy" "$(shown '"grid operator"')"
check "a story's own text is its own hit (workers)" "quote-workers" "$(shown '"union leaders"')"
got=$(shown '"wheat for export"')
[ "$got" = "grain-odesa grain-mykolaiv" ] || [ "$got" = "grain-mykolaiv grain-odesa" ] &&
    pass "short reports of one template stay apart" ||
    fail "short reports of one template stay apart: got '$got'"

# Incremental: an earlier copy joins the cluster and is shown; pruning it shows the next one;
# an article given new text leaves the cluster.
"$NX_INDEX" --db "$DB" -q "$DATA/near-copies-later.jsonl" || exit 1
check "a new copy joins its cluster (and is shown: it is earlier)" \
    "dam-later[dam-wire,dam-headline,dam-paragraph,dam-boiler]" "$(shown "$Q")"
"$NX_INDEX" --db "$DB" -q --prune "$DATA/near-copies.jsonl" || exit 1
check "deleting the shown copy shows the next earliest" \
    "dam-wire[dam-headline,dam-paragraph,dam-boiler]" "$(shown "$Q")"
"$NX_INDEX" --db "$DB" -q "$DATA/near-copies-new-text.jsonl" || exit 1
check "a copy given new text leaves the cluster" \
    "dam-wire[dam-headline,dam-boiler]" "$(shown "$Q")"
check "the new text is a story of its own" "dam-paragraph" "$(shown '"dead fish"')"
finish
