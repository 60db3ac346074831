#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad input through the command line: each problem is one stderr line naming the file (and the
# line), the rest is indexed, exit status 1; a clean re-run of the good part exits 0.
. "$(dirname "$0")/common.sh"

IN=$TMP/in
mkdir -p "$IN"
good() { printf '{"id": "%s", "title": "Good", "body": "A good article about the %s."}\n' "$1" "$2"; }
{ good g1 harbour; printf '{"id": "broken", "body": \n'; good g2 bridge; } >"$IN/mixed.jsonl"
{ good u0 station; printf '{"id": "u1", "body": "caf\xc3 broken"}\n'; } >"$IN/utf8.jsonl"
printf '\x7fELF\0\0\0\x02binary' >"$IN/binary.txt"
{ good n1 pier; printf '{"id": "n2", "body": "nul \0 here"}\n'; good n3 wharf; } >"$IN/nul.jsonl"
: >"$IN/empty.jsonl"
good z1 ferry >"$IN/trunc.jsonl"
good z2 tunnel >>"$IN/trunc.jsonl"
gzip -9 "$IN/trunc.jsonl"
head -c 30 "$IN/trunc.jsonl.gz" >"$IN/cut.jsonl.gz" && rm "$IN/trunc.jsonl.gz"
python3 - "$IN/huge.jsonl" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    f.write('{"id": "h0", "body": "Before the huge line: the quay."}\n')
    f.write('{"id": "h1", "body": "' + 'a' * (50 * 1024 * 1024) + '"}\n')
    f.write('{"id": "h2", "body": "After the huge line: the dock."}\n')
PY
good r1 lighthouse >"$IN/secret.jsonl"
chmod 000 "$IN/secret.jsonl"
chmod 0777 "$TMP" "$IN"
DB=$TMP/bad.nx
AS=()
if [ "$(id -u)" -eq 0 ]; then # root reads anything: run as nobody to see an unreadable file
    AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    mkdir -p "$DB" && chmod 0777 "$DB"
fi

run "${AS[@]}" "$NX_INDEX" --db "$DB" -q "$IN"
expect "bad input gives exit 1" 1
for want in "newsidx-index: $IN/mixed.jsonl:2: " "newsidx-index: $IN/utf8.jsonl:2: " \
    "newsidx-index: $IN/binary.txt: " "newsidx-index: $IN/cut.jsonl.gz" \
    "newsidx-index: $IN/huge.jsonl:2: " "newsidx-index: $IN/secret.jsonl: " \
    "newsidx-index: $IN/nul.jsonl:2: NUL character at byte 27"; do
    if grep -qF -- "$want" "$TMP/err"; then pass "reported: $want"; else fail "not reported: $want"; fi
done
if grep -qF "empty.jsonl" "$TMP/err"; then fail "an empty file is not an error"; else pass "empty file is silent"; fi
lines=$(wc -l <"$TMP/err")
[ "$lines" -eq 7 ] && pass "one line per problem" || fail "$lines stderr lines, expected 7"
for word in harbour bridge station quay dock pier wharf; do
    run "$NX_QUERY" --db "$DB" --count "$word"
    expect "the good article about '$word' is indexed" 0 "" "1 article"
done
# Files of a folder passed over: counted in the summary, listed with --verbose, exit 0.
SKIP=$TMP/skip
mkdir -p "$SKIP"
good s1 jetty >"$SKIP/ok.jsonl"
: >"$SKIP/empty.jsonl"
ln -s no-such-file.txt "$SKIP/gone.txt"
mkfifo "$SKIP/pipe.jsonl"
run "$NX_INDEX" --db "$TMP/skip.nx" "$SKIP"
expect "passed-over files are not an error" 0 "3 files skipped"
if grep -qF "skipped: " "$TMP/err"; then fail "passed-over files listed without --verbose"; else pass "passed-over files not listed without --verbose"; fi
run "$NX_INDEX" --db "$TMP/skip2.nx" --verbose "$SKIP"
expect "--verbose lists passed-over files" 0 "newsidx-index: $SKIP/empty.jsonl: skipped: empty file"
for want in "newsidx-index: $SKIP/gone.txt: skipped: dangling symbolic link" \
    "newsidx-index: $SKIP/pipe.jsonl: skipped: named pipe (FIFO), not a regular file"; do
    if grep -qF -- "$want" "$TMP/err"; then pass "listed: $want"; else fail "not listed: $want"; fi
done
# A query is checked as UTF-8 before it is parsed: the bad byte is named, exit 1.
run "$NX_QUERY" --db "$DB" --count "$(printf 'harb\xffour')"
expect "invalid UTF-8 in a query is an error" 1 "newsidx-query: query: at byte 5: invalid UTF-8"
# Xapian's NEAR takes only words: a NEAR inside a NEAR is refused by the parser, with its place.
run "$NX_QUERY" --db "$DB" --count "harbour NEAR (good NEAR/2 article)"
expect "a NEAR inside a NEAR is an error" 1 "newsidx-query: query: at byte 15: a NEAR inside another NEAR"
finish
