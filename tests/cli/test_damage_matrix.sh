#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The corruption matrix (issue 25): a small index built from text written here, and for each of
# its files (iamglass and the five tables) copies where it is deleted, cut in half, has bytes
# flipped at a few deterministic offsets, and has one byte flipped in every 4 KiB block. On
# each copy: --stats, --check, a query, --article and an indexing run of one new article.
# Asserted for every run: no crash (no exit >= 128, no sanitizer report from newsidx code), the
# documented exit statuses (newsidx-index: 0 or 2, --check 0 or 1, newsidx-query 0 or 1),
# a message on stderr whenever a command fails, and no silent success of the writer: after an
# indexing run that exits 0 the index still holds every article it held plus the new one (or
# says it is damaged), and a writer never exits 0 on an index that --check finds damaged (it
# checks before writing). A deleted file is refused by every command. Set NX_DAMAGE_TABLE=FILE to
# get the table of cases and outcomes (docs/damage.md holds one).
. "$(dirname "$0")/common.sh"

SEED=${NX_DAMAGE_SEED:-25}
FLIPS=4
ARTICLES=40

# The articles: words drawn deterministically from a small news vocabulary.
python3 - "$TMP/news.jsonl" "$ARTICLES" <<'EOF' || exit 1
import json, random, sys
rng = random.Random(25)
words = ("ceasefire talks convoy bridge minister said government army city port grain gas "
         "price energy sanctions refugees border shelling corridor humanitarian aid council "
         "vote parliament election market oil pipeline winter power station repair drone "
         "attack defence officials reported morning evening region village river").split()
with open(sys.argv[1], "w") as out:
    for i in range(int(sys.argv[2])):
        paras = []
        for p in range(rng.randint(3, 9)):
            sent = []
            for s in range(rng.randint(2, 6)):
                w = [rng.choice(words) for _ in range(rng.randint(6, 18))]
                sent.append(" ".join(w).capitalize() + " %d." % rng.randint(1, 9999))
            paras.append(" ".join(sent))
        out.write(json.dumps({"id": "a%d" % i, "title": "Report %d" % i,
                              "date": "2022-03-%02d" % (1 + i % 28), "source": "Wire",
                              "body": "\n\n".join(paras)}) + "\n")
EOF
printf 'A new article\n\nThe convoy crossed the bridge at dawn and the ceasefire held.\n' >"$TMP/new.txt"
GOOD=$TMP/good.nx
"$NX_INDEX" --db "$GOOD" -q "$TMP/news.jsonl" || exit 1

# stat_articles DB: the article count --stats prints, or "-" when it fails.
stat_articles() {
    "$NX_INDEX" --db "$1" --stats 2>/dev/null | awk '/^articles:/ {print $2; exit}' | grep . ||
        echo -
}
[ "$(stat_articles "$GOOD")" = "$ARTICLES" ] || { echo "FAIL - the good index"; exit 1; }

# flip FILE OFFSET...: invert the byte at each offset.
flip() {
    python3 - "$@" <<'EOF'
import sys
with open(sys.argv[1], "r+b") as f:
    for off in map(int, sys.argv[2:]):
        f.seek(off); b = f.read(1)
        if b:
            f.seek(off); f.write(bytes([b[0] ^ 0xff]))
EOF
}

# offsets FILE: FLIPS deterministic offsets spread over the file (seeded).
offsets() {
    python3 -c "import random,sys; n=int(sys.argv[1]); r=random.Random(int(sys.argv[2]))
print(' '.join(str(o) for o in sorted(r.sample(range(n), $FLIPS))))" "$(stat -c %s "$1")" "$SEED$2"
}

SANITIZER_XAPIAN=$TMP/sanitizer-xapian
: >"$SANITIZER_XAPIAN"
# sanitizer CASE CMD: a sanitizer report in the last stderr fails the test unless its first
# frame outside the sanitizer runtime is in libxapian (those are listed at the end, and
# IN_XAPIAN is set: the sanitizer stopped the program inside libxapian, which reads a damaged
# table past its buffer; a build without sanitizers reads on, as the plain run of this test
# shows).
IN_XAPIAN=0
sanitizer() {
    IN_XAPIAN=0
    grep -qE 'Sanitizer|runtime error:' "$TMP/err" || return 0
    local frame
    # The first frame past the sanitizer runtime and the C and C++ runtimes (a memcpy or a
    # std::string append that libxapian called is libxapian's).
    frame=$(grep -E '^ *#[0-9]+ ' "$TMP/err" |
        grep -vE 'asan|ubsan|sanitizer|interceptor|libstdc\+\+|libc\.so|libgcc' | head -n 1)
    if printf '%s' "$frame" | grep -q libxapian; then
        echo "$1 $2: $(grep -m1 -oE '(Address|Undefined)Sanitizer: [a-z-]+' "$TMP/err")" \
            "in $(printf '%s' "$frame" | sed -E 's/^ *#[0-9]+ 0x[0-9a-f]+ in //' | cut -c1-80)" \
            >>"$SANITIZER_XAPIAN"
        IN_XAPIAN=1
        return 0
    fi
    fail "$1 $2: sanitizer report from newsidx code"
    grep -E 'Sanitizer|runtime error:|^ *#[0-9]' "$TMP/err" | head -8 | sed 's/^/     /'
}

# judge CASE CMD ALLOWED...: the last run's status is one of ALLOWED, and a failure has a
# message on stderr. Prints the status for the table.
judge() {
    local case=$1 cmd=$2
    shift 2
    sanitizer "$case" "$cmd"
    if [ "$IN_XAPIAN" -eq 1 ] && grep -q 'ERROR: AddressSanitizer' "$TMP/err"; then
        : # ASan stopped it inside libxapian: its status is ASan's; listed at the end
    elif [ "$RC" -ge 128 ]; then
        fail "$case $cmd: crashed (exit $RC)"
        sed 's/^/     stderr: /' "$TMP/err" | head -3
    elif ! printf ' %s ' "$@" | grep -q " $RC "; then
        fail "$case $cmd: exit $RC, expected one of $*"
        sed 's/^/     stderr: /' "$TMP/err" | head -3
    elif [ "$RC" -ne 0 ] && ! grep -q "^newsidx-" "$TMP/err"; then
        fail "$case $cmd: exit $RC without a message"
    fi
}

TABLE=$TMP/table.md
printf '| file | damage | --stats | --check | query | --article | index one | articles after | --check --repair | articles after repair |\n' >"$TABLE"
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n' >>"$TABLE"
CASES=0
ROW=""
one_case() { # one_case FILE DAMAGE: the copy $TMP/case.nx is damaged; run everything on it
    local file=$1 damage=$2 db=$TMP/case.nx c="$1 $2" st ck q ar ix after rp repaired after_repair
    CASES=$((CASES + 1))
    run "$NX_INDEX" --db "$db" --stats
    judge "$c" --stats 0 2
    st=$RC
    ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$db" --check
    judge "$c" --check 0 1
    ck=$RC
    run "$NX_QUERY" --db "$db" --limit 50 'ceasefire OR convoy OR "grain price"'
    judge "$c" query 0 1
    q=$RC
    run "$NX_QUERY" --db "$db" --article a7
    judge "$c" --article 0 1
    ar=$RC
    run "$NX_INDEX" --db "$db" -q "$TMP/new.txt"
    judge "$c" "indexing" 0 2
    ix=$RC
    after=$(stat_articles "$db")
    if [ "$ix" -eq 0 ] && [ "$after" != - ] && [ "$after" -lt $((ARTICLES + 1)) ]; then
        fail "$c: the writer exited 0 and the index now holds $after articles, not $((ARTICLES + 1))"
    fi
    if [ "$ck" -eq 1 ] && [ "$ix" -eq 0 ]; then # the writer checks before writing
        fail "$c: --check finds damage, yet the writer added to the index with exit 0"
    fi
    if [ "$damage" = deleted ]; then # a missing file is refused by every command
        [ "$st$ck$q$ar$ix" = 21112 ] || fail "$c: a missing file is not refused everywhere: $st $ck $q $ar $ix"
    fi
    # Repair: rebuilt from the stored text (0: every article, 1: some left out), or left as it
    # was (2); a rebuilt index passes --check and holds what the repair says it rebuilt.
    ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$db" --check --repair
    judge "$c" "--check --repair" 0 1 2
    rp=$RC
    repaired=$(sed -n 's/.*repaired: \([0-9]*\) articles.*/\1/p' "$TMP/out")
    after_repair=$(stat_articles "$db")
    if [ "$rp" -eq 2 ] && [ -e "$db.damaged" ]; then
        fail "$c: the repair failed (exit 2) yet moved the index aside"
    elif [ "$rp" -le 1 ] && [ -n "$repaired" ] && [ "$after_repair" != "$repaired" ]; then
        fail "$c: the repair says $repaired articles, the index holds $after_repair"
    elif [ "$rp" -eq 0 ] && [ "$ck" -eq 1 ] && [ "$after_repair" != "$ARTICLES" ]; then
        fail "$c: the repair exited 0 but the index holds $after_repair of $ARTICLES articles"
    fi
    if [ "$rp" -le 1 ]; then
        ASAN_OPTIONS=$CHECK_ASAN run "$NX_INDEX" --db "$db" --check
        judge "$c" "--check after --repair" 0
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$file" "$damage" "$st" "$ck" \
        "$q" "$ar" "$ix" "$after" "$rp" "$after_repair" >>"$TABLE"
}

fresh() { rm -rf "$TMP/case.nx" "$TMP/case.nx.damaged" && cp -r "$GOOD" "$TMP/case.nx"; }

FAILED_BEFORE=$FAILED
for file in iamglass postlist.glass termlist.glass position.glass docdata.glass; do
    [ -f "$GOOD/$file" ] || { fail "the good index has no $file"; continue; }
    size=$(stat -c %s "$GOOD/$file")
    fresh && rm "$TMP/case.nx/$file" && one_case "$file" deleted
    fresh && truncate -s $((size / 2)) "$TMP/case.nx/$file" && one_case "$file" "cut to $((size / 2))"
    for k in 1 2 3; do
        offs=$(offsets "$GOOD/$file" "$k")
        [ -n "$offs" ] || { fail "no offsets to flip in $file"; continue; }
        fresh && flip "$TMP/case.nx/$file" $offs && one_case "$file" "flipped at $offs"
    done
    if [ "$size" -ge 8192 ]; then
        offs=$(python3 -c "import random; r=random.Random($SEED); n=$size;
print(' '.join(str(b + r.randrange(4096)) for b in range(0, n - 4096 + 1, 4096)))")
        fresh && flip "$TMP/case.nx/$file" $offs && one_case "$file" "a byte flipped in every 4 KiB block"
    fi
done
# Stored text is verified on every read: with stored articles damaged, a query shows the hits
# it can read whole, skips each of the others with a warning, and exits 1 (never garbled text).
fresh
size=$(stat -c %s "$GOOD/docdata.glass")
flip "$TMP/case.nx/docdata.glass" $(seq 3000 4096 $((size - 1)))
run "$NX_QUERY" --db "$TMP/case.nx" --limit 50 --json 'ceasefire OR convoy'
judge "docdata.glass stored text" query 1
if grep -q "^newsidx-query: warning: hit skipped: '$TMP/case.nx': hit [0-9]*: stored article is damaged" \
    "$TMP/err" && grep -q '"article_id"' "$TMP/out"; then
    pass "damaged stored articles: their hits skipped with a warning, the others shown, exit 1"
else
    fail "damaged stored articles: no warning, or no hit shown (exit $RC)"
    sed 's/^/     stderr: /' "$TMP/err" | head -3
fi

[ "$FAILED" -eq "$FAILED_BEFORE" ] && pass "$CASES damaged copies: no crash, statuses as documented, no silent wipe"

if [ -s "$SANITIZER_XAPIAN" ]; then
    echo "sanitizer reports inside libxapian (not from newsidx code):"
    sort "$SANITIZER_XAPIAN" | uniq -c | sed 's/^/     /'
fi
if [ -n "${NX_DAMAGE_TABLE:-}" ]; then
    sed 's/flipped at \([0-9 ]*\)/bytes flipped at \1/' "$TABLE" >"$NX_DAMAGE_TABLE"
    [ -s "$SANITIZER_XAPIAN" ] && sort "$SANITIZER_XAPIAN" | uniq -c >"$NX_DAMAGE_TABLE.sanitizer"
fi
finish
