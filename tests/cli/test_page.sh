#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The search page of newsidx-serve in headless Chromium (tests/cli/page_check.py): type a
# query, pick an actor, check results, highlights and the timeline; a screenshot is saved as
# page.png in the test's working folder (the build tree's tests/).
. "$(dirname "$0")/common.sh"
: "${NX_SERVE:?NX_SERVE must name newsidx-serve}"

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [ "${NX_REQUIRE_BROWSER:-0}" = 1 ]; then
        fail "chromium and chromedriver are needed (scripts/setup-debian.sh --test installs them)"
    else
        skip "the browser test: chromium and chromium-driver are not installed" \
            "(scripts/setup-debian.sh --test installs them)"
    fi
    finish
fi

DB=$TMP/sample.nx
if ! "$NX_INDEX" --db "$DB" -q "$SAMPLE"; then
    fail "indexing the sample for the page"
    finish
fi
serve_start page

if python3 "$(dirname "$0")/page_check.py" "$URL" "$PWD/page.png" >"$TMP/out" 2>&1; then
    RC=0
else
    RC=$?
fi
cat "$TMP/out"
FAILED=$((FAILED + $(grep -c '^FAIL' "$TMP/out")))
[ "$RC" -eq 0 ] || [ "$(grep -c '^FAIL' "$TMP/out")" -gt 0 ] || fail "page_check.py exited $RC"
finish
