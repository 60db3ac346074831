#!/bin/sh
# Fresh Debian 12 to first results: install dependencies, build, index the sample archive kept
# in sample/, and run a few queries against it.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
sh scripts/setup-debian.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)"
db=build/sample.nx
set -x
build/indexer/newsidx-index --db "$db" sample/
build/query/newsidx-query --db "$db" --actor lavrov --topic ceasefire
build/query/newsidx-query --db "$db" 'actor:kuleba "humanitarian corridor"'
build/query/newsidx-query --db "$db" --actor lavrov truce   # his words in a transcript turn
build/query/newsidx-query --db "$db" '+said:lavrov talks' -n 3   # what he was reported saying
build/query/newsidx-query --db "$db" --topic energy 'oil embargo' -n 3
build/query/newsidx-query --db "$db" --topic nato --facets -n 3
