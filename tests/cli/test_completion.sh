#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Shell completion (completion/): bash, sourced as bash-completion would load it, completes
# options, option values, files where a path is expected, and actor and topic keys read from
# the index named by --db or NEWSIDX_DB; zsh (when installed) loads the function file.
. "$(dirname "$0")/common.sh"
: "${NX_SERVE:?NX_SERVE must name newsidx-serve}"
# shellcheck source=/dev/null
. "$NX_SRC/completion/newsidx.bash"

# complete WORD...: COMPREPLY for the last word, one per line, in $TMP/out.
complete_line() {
    COMP_WORDS=("$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _newsidx
    printf '%s\n' "${COMPREPLY[@]}" >"$TMP/out"
}
# is NAME EXPECTED: the completions are exactly EXPECTED (one per line).
is() {
    if [ "$(cat "$TMP/out")" = "$2" ]; then
        pass "$1"
    else
        fail "$1: got '$(tr '\n' ' ' <"$TMP/out")', expected '$(echo $2)'"
    fi
}

for prog in newsidx-index newsidx-query newsidx-serve; do
    complete -p "$prog" >/dev/null 2>&1 && pass "complete -p $prog" || fail "complete -p $prog"
done
[ "$(compgen -W "$_newsidx_query_opts" -- --ac)" = --actor ] && pass "compgen of --ac gives --actor" ||
    fail "compgen of --ac gives --actor"
complete_line newsidx-query --ac
is "newsidx-query --ac<TAB> gives --actor" --actor
complete_line newsidx-index --no-
is "newsidx-index --no-<TAB>" $'--no-compact\n--no-verify'
complete_line newsidx-serve --w
is "newsidx-serve --w<TAB>" --write-token
complete_line newsidx-query --sort d
is "--sort d<TAB> gives date" date
complete_line newsidx-query --list ""
is "--list <TAB> gives actors and topics" $'actors\ntopics'
complete_line newsidx-query --color = a
is "--color=a<TAB> gives auto and always" $'auto\nalways'
complete_line newsidx-query --timeline w
is "--timeline w<TAB> gives week" week

# Paths: --db, --lexicon and the indexer's inputs.
mkdir -p "$TMP/idx-one.nx" "$TMP/idx-two.nx"
: >"$TMP/lexicon.txt"
complete_line newsidx-query --db "$TMP/idx-"
sort -o "$TMP/out" "$TMP/out"
is "--db completes folders" "$TMP/idx-one.nx"$'\n'"$TMP/idx-two.nx"
complete_line newsidx-index --lexicon "$TMP/lex"
is "--lexicon completes files" "$TMP/lexicon.txt"
complete_line newsidx-index --db x "$TMP/lex"
is "an indexer INPUT completes files" "$TMP/lexicon.txt"

# Actor and topic keys from the index: --db on the line, --db=, NEWSIDX_DB; none without one.
run "$NX_INDEX" -q --db "$TMP/sample.nx" "$SAMPLE"
expect "index the sample" 0
bin=$(dirname "$NX_QUERY")/newsidx-query # the build tree's program, as if typed with its path
complete_line "$bin" --db "$TMP/sample.nx" --actor lav
is "--actor lav<TAB> gives lavrov (from the index)" lavrov
complete_line "$bin" --db = "$TMP/sample.nx" -t cease
is "--db=PATH -t cease<TAB> gives ceasefire" ceasefire
NEWSIDX_DB=$TMP/sample.nx complete_line "$bin" --actor kul
is "NEWSIDX_DB: --actor kul<TAB> gives kuleba" kuleba
unset NEWSIDX_DB
complete_line "$bin" --actor lav
is "no index known: no actor keys" ""
keys=$("$NX_QUERY" --db "$TMP/sample.nx" --list topics | awk '/^[^ ]/ { print $1 }' | sort)
complete_line "$bin" --db "$TMP/sample.nx" --topic ""
[ "$(sort "$TMP/out")" = "$keys" ] && [ -n "$keys" ] && pass "--topic <TAB> gives every topic key" ||
    fail "--topic <TAB> gives every topic key"

# zsh: the function file loads, and its specs complete --ac to --actor.
if command -v zsh >/dev/null 2>&1; then
    out=$(cd "$TMP" && NX_SRC=$NX_SRC zsh -f -c '
        fpath=("$NX_SRC/completion" $fpath); autoload -Uz compinit; compinit -u -d "$PWD/zcd"
        print -r -- "${_comps[newsidx-query]} ${_comps[newsidx-index]} ${_comps[newsidx-serve]}"' 2>&1)
    [ "$out" = "_newsidx _newsidx _newsidx" ] && pass "zsh: compinit binds _newsidx to the three programs" ||
        fail "zsh: compinit binds _newsidx: $out"
    # In an interactive zsh on a pseudo-terminal, --ac<TAB> lists --actor (waits for it; the
    # timeout only ends a run that never shows it).
    cat >"$TMP/ztab.zsh" <<'ZSH'
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "PS1='ready> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -d $2/zcd3; print compinit-done"
zpty -r z out '*compinit-done*ready> '
zpty -w -n z "newsidx-query --ac"$'\t'
zpty -r z out '*--actor*' && print completed --actor
zpty -w -n z $'\C-u'"PATH=$3:\$PATH; print path-set"$'\n'
zpty -r z out '*path-set*ready> '
zpty -w -n z "newsidx-query --db $4 --actor lav"$'\t'
zpty -r z out '*lavrov*' && print completed lavrov
zpty -d z
ZSH
    out=$(timeout 60 zsh -f "$TMP/ztab.zsh" "$NX_SRC/completion" "$TMP" "$(dirname "$NX_QUERY")" \
        "$TMP/sample.nx" 2>&1)
    case $out in
    "completed --actor"*) pass "zsh: newsidx-query --ac<TAB> offers --actor" ;;
    *) fail "zsh: newsidx-query --ac<TAB> offers --actor: $out" ;;
    esac
    case $out in
    *"completed lavrov") pass "zsh: --db INDEX --actor lav<TAB> offers lavrov (from the index)" ;;
    *) fail "zsh: --db INDEX --actor lav<TAB> offers lavrov: $out" ;;
    esac
    zsh -n "$NX_SRC/completion/_newsidx" >"$TMP/zout" 2>&1 && pass "zsh: _newsidx parses" ||
        fail "zsh: _newsidx does not parse: $(head -c 300 "$TMP/zout")"
else
    skip "zsh is not installed: no zsh completion test"
fi
finish
