#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The man pages (man/) against the programs and the header: every option --help prints is in
# the program's man page and in its bash and zsh completion, and each of those has no other;
# every call of include/newsidx.h is in libnewsidx(3); man (or groff) renders each page
# without a warning.
. "$(dirname "$0")/common.sh"
: "${NX_SERVE:?NX_SERVE must name newsidx-serve}"

for prog in "$NX_INDEX" "$NX_QUERY" "$NX_SERVE"; do
    name=$(basename "$prog")
    run "$prog" --help
    expect "$name --help exits 0" 0
    cp "$TMP/out" "$TMP/help"
    if why=$(python3 "$(dirname "$0")/options_check.py" "$TMP/help" "$NX_SRC/man/$name.1" \
        "$name" "$NX_SRC" 2>&1); then
        pass "$name: --help, man page and completions list the same options"
    else
        fail "$name: options differ"
        printf '%s\n' "$why" | sed 's/^/     /'
    fi
    grep -q "man $name" "$TMP/help" && pass "$name --help points to its man page" ||
        fail "$name --help points to its man page"
    grep -q "NEWSIDX_DB" "$TMP/help" && pass "$name --help names NEWSIDX_DB" ||
        fail "$name --help names NEWSIDX_DB"
    grep -q "docs/" "$TMP/help" && fail "$name --help points to docs/, which is not installed" ||
        pass "$name --help points to no docs/ folder"
    grep -q '^\.B NEWSIDX_DB$' "$NX_SRC/man/$name.1" && pass "$name.1 documents NEWSIDX_DB" ||
        fail "$name.1 documents NEWSIDX_DB"
done

# Every public call has its place in libnewsidx(3).
missing=$(grep -o 'NX_API [^(]*\bnx_[a-z0-9_]*(' "$NX_SRC/include/newsidx.h" |
    grep -o 'nx_[a-z0-9_]*($' | tr -d '(' | sort -u |
    while read -r fn; do grep -q "$fn" "$NX_SRC/man/libnewsidx.3" || echo "$fn"; done)
[ -z "$missing" ] && pass "libnewsidx(3) names every call of newsidx.h" ||
    fail "libnewsidx(3) lacks: $(echo $missing)"

# Rendering: no warning from man --warnings (or groff -ww).
for page in "$NX_SRC"/man/*.[0-9]; do
    if command -v man >/dev/null 2>&1; then
        LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 "$page" >/dev/null 2>"$TMP/warn"
    elif command -v groff >/dev/null 2>&1; then
        groff -man -ww -z -Tutf8 "$page" 2>"$TMP/warn"
    else
        skip "neither man nor groff is installed (man-db): $(basename "$page") not rendered"
        continue
    fi
    [ -s "$TMP/warn" ] && fail "$(basename "$page") renders with warnings: $(head -c 300 "$TMP/warn")" ||
        pass "$(basename "$page") renders without a warning"
done
finish
