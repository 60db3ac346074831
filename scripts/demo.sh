#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Fresh Debian 12 to first results: install what building needs (scripts/setup-debian.sh
# --build: no test tools), build quietly into build/, index the sample archive kept in sample/
# (short articles written for newsidx) and run a few queries, each shown as you would type it.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
sh scripts/setup-debian.sh --build
log=build/demo-build.log
mkdir -p build
echo "demo: building newsidx into build/ (log: $log)" >&2
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF &&
  cmake --build build -j "$(nproc 2>/dev/null || echo 2)"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "demo: the build failed; its output is above and in $log" >&2
  exit 1
fi
PATH=$here/build/indexer:$here/build/query:$PATH
export PATH
rm -rf build/sample.nx

# Each step: its comment line, then the command exactly as a user types it (run from the
# repository's top folder with build/indexer and build/query on PATH).
status=0
while IFS= read -r line; do
  case $line in
  '') ;;
  '#'*) printf '\n%s\n' "$line" ;;
  *)
    printf '$ %s\n' "$line"
    eval "$line" || { status=$?; echo "demo: that command failed (exit $status)" >&2; exit 1; }
    ;;
  esac
done <<'STEPS'
# Index the sample archive: JSON Lines files and a folder of .txt articles.
newsidx-index --db build/sample.nx sample/
# What Lavrov said about a ceasefire, in any spelling of his name.
newsidx-query --db build/sample.nx --actor lavrov --topic ceasefire
# Kuleba and a phrase: the passages that hold both rank first.
newsidx-query --db build/sample.nx 'actor:kuleba "humanitarian corridor"'
# His own words in a transcript turn, though the passage never names him.
newsidx-query --db build/sample.nx --actor lavrov truce
# What he was reported as saying ("+" requires a term).
newsidx-query --db build/sample.nx '+said:lavrov talks' -n 3
# Energy passages on an oil embargo.
newsidx-query --db build/sample.nx --topic energy 'oil embargo' -n 3
# How NATO passages spread over actors, sources and months.
newsidx-query --db build/sample.nx --topic nato --facets -n 3
STEPS

cat <<NEXT

Next steps
  programs   $here/build/indexer/newsidx-index, $here/build/query/newsidx-query
  index      $here/build/sample.nx (the sample archive)
  try        build/query/newsidx-query --db build/sample.nx --help
  install    cmake --install build       (programs, library, header; see README "Install")
  your news  build/indexer/newsidx-index --db ~/news.nx ~/news/   (a folder, .jsonl, .warc.gz ...)
  read       README.md, docs/query.md (the query language), docs/lexicon.md (actors, topics)
NEXT
