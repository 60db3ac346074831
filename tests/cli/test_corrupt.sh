#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Damaged and foreign indexes from the outside: a table cut in half, a table of random bytes, a
# folder of other files, a regular file. Every command refuses each with its documented exit
# status (newsidx-index 2, --check 1, --stats 2, newsidx-query 1) and one message naming the
# index; nothing crashes, and what is not an index is left as it was. An index of an older
# format is refused with how to rebuild it.
. "$(dirname "$0")/common.sh"

"$NX_INDEX" --db "$TMP/good.nx" -q "$SAMPLE" || exit 1
damaged() { # damaged NAME: a copy of the good index
    cp -r "$TMP/good.nx" "$TMP/$1"
    echo "$TMP/$1"
}
TRUNC=$(damaged truncated.nx)
table=$TRUNC/postlist.glass
truncate -s $(($(stat -c %s "$table") / 2)) "$table"
RANDOM_BYTES=$(damaged random.nx)
table=$RANDOM_BYTES/postlist.glass
head -c "$(stat -c %s "$table")" /dev/urandom >"$table.new" && mv "$table.new" "$table"
FOLDER=$TMP/notes
mkdir -p "$FOLDER" && echo "my notes" >"$FOLDER/notes.txt"
FILE=$TMP/file.nx
echo "just some text" >"$FILE"

# refused WHAT STATUS CMD...: exit STATUS and one stderr line "PROGRAM: 'DB'..." naming DB.
refused() {
    local what=$1 status=$2
    shift 2
    run "$@"
    local prog
    prog=$(basename "$1")
    expect "$what" "$status" "$prog: '$db'"
    [ "$(grep -c . "$TMP/err")" -eq 1 ] || fail "$what: $(grep -c . "$TMP/err") lines on stderr"
}

for db in "$TRUNC" "$RANDOM_BYTES" "$FOLDER" "$FILE"; do
    name=$(basename "$db")
    refused "$name: indexing exits 2" 2 "$NX_INDEX" --db "$db" -q "$SAMPLE"
    ASAN_OPTIONS=$CHECK_ASAN refused "$name: --check exits 1" 1 "$NX_INDEX" --db "$db" --check
    refused "$name: --stats exits 2" 2 "$NX_INDEX" --db "$db" --stats
    refused "$name: a query exits 1" 1 "$NX_QUERY" --db "$db" ceasefire
done
[ "$(ls "$FOLDER")" = notes.txt ] && pass "no index is created among other files" ||
    fail "the folder of notes now holds: $(ls "$FOLDER" | tr '\n' ' ')"
[ "$(cat "$FILE")" = "just some text" ] && pass "a regular file is left alone" ||
    fail "the regular file was changed"

# tests/data/format3-index: a real index of format 3 (tests/data/README.md).
OLD=$TMP/format3.nx
cp -r "$NX_SRC/tests/data/format3-index" "$OLD"
why="'$OLD' is an index of format 3; this newsidx reads format 6 only:"
why="$why rebuild it with newsidx-index --db NEW ARCHIVE"
db=$OLD
refused "format 3: indexing exits 2" 2 "$NX_INDEX" --db "$OLD" -q "$SAMPLE"
[ "$(cat "$TMP/err")" = "newsidx-index: $why" ] && pass "format 3: indexing says to rebuild" ||
    fail "format 3: indexing says: $(cat "$TMP/err")"
refused "format 3: --stats exits 2" 2 "$NX_INDEX" --db "$OLD" --stats
refused "format 3: a query exits 1" 1 "$NX_QUERY" --db "$OLD" Kiev
[ "$(cat "$TMP/err")" = "newsidx-query: $why" ] && pass "format 3: a query says to rebuild" ||
    fail "format 3: a query says: $(cat "$TMP/err")"
rm -f "$OLD/flintlock" # the refused writer's lock file, which Xapian leaves
diff -r "$NX_SRC/tests/data/format3-index" "$OLD" >/dev/null && pass "format 3: left as it was" ||
    fail "format 3: the index was changed"
finish
