#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# scripts/spdx.sh on a small repository of its own: --check lists exactly the source files
# without the licence line, the fix adds it in each file's comment syntax after a #! or
# #compdef line, a second run changes nothing, and --check then passes.
set -u
spdx=${NX_SRC:?}/scripts/spdx.sh
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fails=0
ok() { echo "ok   - $1"; }
bad() {
  echo "FAIL - $1"
  fails=$((fails + 1))
}
same() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got '$2', expected '$3'"; fi; }

git init -q "$t/r"
cd "$t/r" || exit 1
mkdir -p lib man completion
printf 'int f(void);\n' >lib/f.h
printf '/* SPDX-License-Identifier: GPL-2.0-or-later */\nint g(void);\n' >lib/g.h
printf '#!/bin/sh\necho hi\n' >run.sh
printf 'print(1)\n' >tool.py
printf 'project(x C)\n' >CMakeLists.txt
printf '.TH X 1\n' >man/x.1
printf '#compdef x\n_x() { :; }\n' >completion/_newsidx
printf '#!/usr/bin/env python3\nprint(2)\n' >noext
printf 'just text\n' >notes.txt
printf '# title\n' >README.md
git add -A

out=$(NX_SRC=. sh "$spdx" --check 2>/dev/null)
rc=$?
same "--check exits 1 when a file lacks the line" "$rc" 1
same "--check lists the source files that lack it, and no others" "$(echo "$out" | sort | tr '\n' ' ')" \
  "CMakeLists.txt completion/_newsidx lib/f.h man/x.1 noext run.sh tool.py "
NX_SRC=. sh "$spdx" || bad "spdx.sh failed"
same "C header: the first line" "$(head -n 1 lib/f.h)" "/* SPDX-License-Identifier: GPL-2.0-or-later */"
same "a header that had it is unchanged" "$(cat lib/g.h)" \
  "$(printf '/* SPDX-License-Identifier: GPL-2.0-or-later */\nint g(void);')"
same "shell: after the #! line" "$(head -n 2 run.sh | tr '\n' '|')" \
  "#!/bin/sh|# SPDX-License-Identifier: GPL-2.0-or-later|"
same "zsh: after the #compdef line" "$(head -n 2 completion/_newsidx | tr '\n' '|')" \
  "#compdef x|# SPDX-License-Identifier: GPL-2.0-or-later|"
same "man page: a roff comment" "$(head -n 1 man/x.1)" '.\" SPDX-License-Identifier: GPL-2.0-or-later'
same "python, CMake: a # comment" "$(head -n 1 tool.py) $(head -n 1 CMakeLists.txt)" \
  "# SPDX-License-Identifier: GPL-2.0-or-later # SPDX-License-Identifier: GPL-2.0-or-later"
same "text and Markdown are left alone" "$(cat notes.txt README.md | tr '\n' '|')" "just text|# title|"
sh run.sh >/dev/null && ok "the script still runs" || bad "the script no longer runs"
before=$(git ls-files | xargs cat | cksum)
NX_SRC=. sh "$spdx"
same "a second run changes nothing" "$(git ls-files | xargs cat | cksum)" "$before"
NX_SRC=. sh "$spdx" --check
same "--check passes after the fix" "$?" 0

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all checks passed"
