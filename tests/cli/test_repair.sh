#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# --check --repair: a damaged index whose stored text survives is rebuilt from it, gives the
# results the undamaged index gave, and the damaged one is kept beside it; damage to a stored
# article leaves that article out with exit 1; an index whose articles cannot be read is left as
# it was (exit 2), as it is when PATH.damaged is in the way; a sound index is not touched.
. "$(dirname "$0")/common.sh"

"$NX_INDEX" --db "$TMP/good.nx" -q "$SAMPLE" || exit 1
QUERY='gas OR ceasefire OR minister'
"$NX_QUERY" --db "$TMP/good.nx" --json --limit 50 "$QUERY" >"$TMP/good.json" || exit 1
copy() { # copy NAME: a copy of the good index
    rm -rf "$TMP/$1" "$TMP/$1.damaged"
    cp -r "$TMP/good.nx" "$TMP/$1"
    echo "$TMP/$1"
}
# same_results DB NAME: the query gives what it gave on the good index, hit for hit.
# same_results DB NAME [EXPECTED]: DB answers QUERY as EXPECTED (default: the sound index) does.
same_results() {
    "$NX_QUERY" --db "$1" --json --limit 50 "$QUERY" >"$TMP/got.json" 2>"$TMP/err"
    if cmp -s "${3:-$TMP/good.json}" "$TMP/got.json"; then pass "$2"; else fail "$2"; fi
}
articles() { "$NX_INDEX" --db "$1" --stats | sed -n 's/^articles: *//p'; }
N=$(articles "$TMP/good.nx")

run "$NX_INDEX" --db "$TMP/good.nx" --check --repair
expect "a sound index: nothing to repair" 0 "" "ok (nothing to repair)"
[ ! -e "$TMP/good.nx.damaged" ] || fail "a sound index was moved aside"

for how in "rm termlist" "rm position" "cut termlist" "cut position"; do
    db=$(copy "$(echo "$how" | tr ' ' -).nx")
    table=$db/${how#* }.glass
    case $how in
    rm*) rm "$table" ;;
    cut*) truncate -s $(($(stat -c %s "$table") / 2)) "$table" ;;
    esac
    run "$NX_INDEX" --db "$db" --check --repair
    expect "$how: repaired" 0 "newsidx-index: '$db'" "repaired: $N articles"
    [ -d "$db.damaged" ] && [ ! -e "$db.repair" ] && [ ! -e "$db.salvage" ] ||
        fail "$how: the damaged index is not kept as .damaged, or scratch folders remain"
    run "$NX_INDEX" --db "$db" --check
    expect "$how: the rebuilt index passes --check" 0
    same_results "$db" "$how: the rebuilt index gives the same results"
    run "$NX_INDEX" --db "$db" -q "$SAMPLE"
    expect "$how: indexing the archive again after the repair" 0
    [ "$(articles "$db")" = "$N" ] || fail "$how: $(articles "$db") articles after re-indexing"
done

# A damaged stored article: the first offset into docdata.glass whose flipped byte --check
# reports as a damaged stored article (the sample's index is the same on every build).
db=$(copy flipped.nx)
size=$(stat -c %s "$db/docdata.glass")
found=
for ((off = size / 2; off < size && off < size / 2 + 20000; off += 97)); do
    cp "$TMP/good.nx/docdata.glass" "$db/docdata.glass"
    printf '\x55' | dd of="$db/docdata.glass" bs=1 seek=$off conv=notrunc 2>/dev/null
    if "$NX_INDEX" --db "$db" --check 2>&1 | grep -q "stored article of document"; then
        found=$off
        break
    fi
done
if [ -z "$found" ]; then
    fail "no byte of docdata.glass damages a stored article only"
else
    run "$NX_INDEX" --db "$db" --check --repair
    expect "a damaged stored article: repaired without it, exit 1" 1 \
        "1 damaged documents were left out" "repaired: $((N - 1)) articles"
    run "$NX_INDEX" --db "$db" --check
    expect "a damaged stored article: the rebuilt index passes --check" 0
    run "$NX_INDEX" --db "$db" -q "$SAMPLE"
    expect "a damaged stored article: indexing the archive again adds it back" 0
    [ "$(articles "$db")" = "$N" ] || fail "after the repair and re-indexing: $(articles "$db") articles"
    same_results "$db" "a damaged stored article: repaired and re-indexed gives the same results"
fi

# The stored articles cannot be read: nothing is changed.
for table in postlist docdata; do
    db=$(copy "no-$table.nx")
    rm "$db/$table.glass"
    before=$(ls "$db")
    run "$NX_INDEX" --db "$db" --check --repair
    expect "$table.glass missing: cannot repair, exit 2" 2 "cannot repair:"
    [ "$(ls "$db")" = "$before" ] && [ ! -e "$db.damaged" ] && [ ! -e "$db.repair" ] &&
        [ ! -e "$db.salvage" ] || fail "$table.glass missing: the index or its folder changed"
done

# An earlier repair's .damaged is never overwritten.
db=$(copy twice.nx)
rm "$db/termlist.glass"
mkdir "$db.damaged" && echo keep >"$db.damaged/mine"
run "$NX_INDEX" --db "$db" --check --repair
expect "PATH.damaged exists: refused, exit 2" 2 "move it away first"
[ -f "$db.damaged/mine" ] && [ ! -e "$db/termlist.glass" ] || fail "PATH.damaged or PATH changed"

# JSON, and --repair alone is a usage error.
db=$(copy json.nx)
rm "$db/position.glass"
run "$NX_INDEX" --db "$db" --check --repair --json
expect "--json: exit 0" 0
pycheck "--json: one repair object with the counts" "$TMP/out" "
import json, sys
o = json.loads(open(sys.argv[1]).read().splitlines()[-1])
assert o['type'] == 'repair' and o['ok'] is True and o['articles'] == $N and o['damaged'] == 0, o"
run "$NX_INDEX" --db "$db" --repair
expect "--repair without --check: usage error" 2 "--repair goes with --check"

# A sharded index: every shard rebuilt.
"$NX_INDEX" --db "$TMP/sharded.nx" --shards 2 -q "$SAMPLE" || exit 1
# Its own results before the damage: passages of equal score below the re-ranked pool keep
# docid order, which differs between two shards and one index (docs/ranking.md, "Pool").
"$NX_QUERY" --db "$TMP/sharded.nx" --json --limit 50 "$QUERY" >"$TMP/sharded.json" || exit 1
shard=$(find "$TMP/sharded.nx" -name termlist.glass | head -n 1)
rm "$shard"
run "$NX_INDEX" --db "$TMP/sharded.nx" --check --repair
expect "a sharded index: repaired" 0 "" "repaired: $N articles"
run "$NX_INDEX" --db "$TMP/sharded.nx" --check
expect "a sharded index: the rebuilt shards pass --check" 0
same_results "$TMP/sharded.nx" "a sharded index: the same results after the repair" \
    "$TMP/sharded.json"

finish
