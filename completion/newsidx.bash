# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for newsidx-index, newsidx-query and newsidx-serve: options, files where a
# path is expected, the values an option takes, and actor and topic keys read from the index
# (--db on the command line, else NEWSIDX_DB) with `newsidx-query --list`.
# Installed once per program (share/bash-completion/completions/newsidx-query ...).

_newsidx_index_opts='--db --prune --compact --no-compact --merge --lexicon --lexicon-only --fields --batch
  --shards --wait --check --repair --no-verify --stats --json --quiet --verbose --help
  --version -d -q -v -h -V'
_newsidx_query_opts='--db --actor --topic --since --until --source --sort --limit --offset
  --per-article --duplicates --max-bytes --count --facets --timeline --explain --fix-typos --no-feedback
  --passage-only --lexicon --timeout --color --no-color --article --list --json --help --version
  -d -a -t -n -h -V'
_newsidx_serve_opts='--db --listen --write-token --cors --threads --max-connections --timeout
  --max-time  --help --version -d -h -V'

# The index the command line names (--db PATH, --db=PATH, -d PATH), else NEWSIDX_DB.
_newsidx_db()
{
    local i w db=${NEWSIDX_DB-}
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == -d || $w == --db ]]; then
            db=${COMP_WORDS[i + 1]-}
            [[ $db == = ]] && db=${COMP_WORDS[i + 2]-}
        elif [[ $w == --db=* ]]; then
            db=${w#--db=}
        fi
    done
    [[ $db == "~"* ]] && db=$HOME${db#\~}
    printf '%s\n' "$db"
}

# The keys of the index's actors or topics ($1: actors or topics).
_newsidx_keys()
{
    local db query=newsidx-query
    db=$(_newsidx_db)
    [[ -n $db ]] || return 0
    # Beside the program being completed when that is a path (a build tree, another prefix).
    [[ ${COMP_WORDS[0]} == */* ]] && query=${COMP_WORDS[0]%/*}/newsidx-query
    "$query" --db "$db" --list "$1" 2>/dev/null | awk '/^[^ ]/ { print $1 }'
}

# Complete the value of option $1 (cur is the value so far); false if it takes none.
_newsidx_value()
{
    local IFS=$'\n'
    case $1 in
    -d | --db | --lexicon)
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
        ;;
    -a | --actor) COMPREPLY=($(compgen -W "$(_newsidx_keys actors)" -- "$cur")) ;;
    -t | --topic) COMPREPLY=($(compgen -W "$(_newsidx_keys topics)" -- "$cur")) ;;
    --list) COMPREPLY=($(compgen -W $'actors\ntopics' -- "$cur")) ;;
    --sort) COMPREPLY=($(compgen -W $'relevance\ndate' -- "$cur")) ;;
    --color) COMPREPLY=($(compgen -W $'auto\nalways\nnever' -- "$cur")) ;;
    --facets) COMPREPLY=($(compgen -W $'articles\npassages' -- "$cur")) ;;
    --timeline) COMPREPLY=($(compgen -W $'day\nweek\nmonth' -- "$cur")) ;;
    --duplicates) COMPREPLY=($(compgen -W $'collapse\nshow' -- "$cur")) ;;
    --since | --until | --source | -n | --limit | --offset | --per-article | --max-bytes | \
        --timeout | --article | --fields | --batch | --shards | --wait | --listen | \
        --write-token | --cors | --threads | --max-connections | --max-time)
        COMPREPLY=()
        ;;
    *) return 1 ;;
    esac
    return 0
}

_newsidx()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= opts
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    case ${COMP_WORDS[0]##*/} in
    newsidx-index) opts=$_newsidx_index_opts ;;
    newsidx-query) opts=$_newsidx_query_opts ;;
    *) opts=$_newsidx_serve_opts ;;
    esac
    # --opt=value: bash splits the word at '=' (COMP_WORDBREAKS).
    if [[ $prev == = && COMP_CWORD -ge 2 ]]; then
        _newsidx_value "${COMP_WORDS[COMP_CWORD - 2]}" && return 0
    elif [[ $cur == = ]]; then
        cur=
        _newsidx_value "$prev" && return 0
    fi
    case $prev in
    --facets | --timeline) # an optional value: a word that is not one is a query word
        _newsidx_value "$prev"
        [[ ${#COMPREPLY[@]} -gt 0 || $cur == -* ]] || return 0
        ;;
    --color | --wait) ;;   # optional values go after '='
    *) _newsidx_value "$prev" && return 0 ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY+=($(compgen -W "$opts" -- "$cur"))
    elif [[ ${COMP_WORDS[0]##*/} == newsidx-index ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
}
complete -F _newsidx newsidx-index newsidx-query newsidx-serve
