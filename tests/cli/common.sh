# SPDX-License-Identifier: GPL-2.0-or-later
# Shared by tests/cli/test_*.sh (sourced, not run): paths, a scratch folder, check helpers.
# ctest sets NX_INDEX and NX_QUERY (the programs), NX_SRC (source tree), NX_CORPUS.

set -u
unset NEWSIDX_DB # the programs read it (--db by default): tests name their index
: "${NX_INDEX:?NX_INDEX must name newsidx-index}"
: "${NX_QUERY:?NX_QUERY must name newsidx-query}"
: "${NX_SRC:?NX_SRC must name the source folder}"
NX_CORPUS=${NX_CORPUS:-}
SAMPLE=$NX_SRC/sample
SAMPLE_ARTICLES=25 # 21 JSON Lines records in 3 files and 4 .txt files
SAMPLE_FILES=7

TMP=$(mktemp -d "${TMPDIR:-/tmp}/nxcli.XXXXXX") || exit 1
BACKGROUND=()
cleanup() {
    for pid in "${BACKGROUND[@]}"; do kill "$pid" 2>/dev/null; done
    rm -rf "$TMP"
}
trap cleanup EXIT

# Inside libxapian 1.4.22, Database::check() frees an object with a mismatched sized delete,
# which ASan reports although no newsidx code is involved: --check runs ignore that one kind.
CHECK_ASAN=${ASAN_OPTIONS:+$ASAN_OPTIONS:}new_delete_type_mismatch=0
# A writer checks the index before it writes (indexer/main.c), so every indexing run calls
# Database::check too: the exception holds for every run.
export ASAN_OPTIONS=$CHECK_ASAN

FAILED=0
pass() { echo "ok   - $1"; }
fail() {
    echo "FAIL - $1"
    FAILED=$((FAILED + 1))
}
skip() { echo "SKIP - $1"; }

# run CMD...: its stdout in $TMP/out, stderr in $TMP/err, status in $RC.
run() {
    "$@" >"$TMP/out" 2>"$TMP/err"
    RC=$?
}

# expect NAME STATUS [STDERR-SUBSTRING [STDOUT-SUBSTRING]]: judge the last run.
expect() {
    local name=$1 status=$2 err=${3:-} out=${4:-}
    if [ "$RC" -ne "$status" ]; then
        fail "$name: exit status $RC, expected $status"
        sed 's/^/     stderr: /' "$TMP/err" | head -5
    elif [ -n "$err" ] && ! grep -qF -- "$err" "$TMP/err"; then
        fail "$name: stderr lacks '$err'"
        sed 's/^/     stderr: /' "$TMP/err" | head -5
    elif [ -n "$out" ] && ! grep -qF -- "$out" "$TMP/out"; then
        fail "$name: stdout lacks '$out'"
    else
        pass "$name"
    fi
}

# pycheck NAME FILE SCRIPT: run a Python check on FILE; it prints its problem and exits 1.
pycheck() {
    local name=$1 file=$2 script=$3 why
    if why=$(python3 -c "$script" "$file" 2>&1); then
        pass "$name"
    else
        fail "$name: $(printf '%s\n' "$why" | tail -n 1)"
    fi
}

# serve_start NAME ARGS...: newsidx-serve ($NX_SERVE) on the index $DB, on a free port; its
# URL in $URL, pid in $PID, stderr in $TMP/NAME.log.
serve_start() {
    local name=$1
    shift
    "$NX_SERVE" --db "$DB" --listen 127.0.0.1:0 "$@" >"$TMP/$name.url" 2>"$TMP/$name.log" &
    PID=$!
    BACKGROUND+=("$PID")
    URL=
    for _ in $(seq 100); do
        URL=$(head -n 1 "$TMP/$name.url")
        [ -n "$URL" ] && break
        sleep 0.1
    done
    if [ -z "$URL" ]; then
        fail "$name: the server printed no URL"
        sed 's/^/     stderr: /' "$TMP/$name.log" | head -5
        finish
    fi
}

finish() {
    if [ "$FAILED" -gt 0 ]; then
        echo "$FAILED check(s) failed"
        exit 1
    fi
    echo "all checks passed"
    exit 0
}
