#!/bin/sh
# The licence line of every tracked source file (newsidx is GPL-2.0-or-later: LICENSE).
#   spdx.sh           add "SPDX-License-Identifier: GPL-2.0-or-later", in the file's comment
#                     syntax, as the first line (after a #! or #compdef line) of each source
#                     file that has none in its first three lines; running it again changes
#                     nothing
#   spdx.sh --check   list the source files without it; exit 1 if there is any
# Source files are those git tracks with these names, the comment syntax by kind:
#   /* */   *.c *.h *.cc *.hh *.h.in *.map
#   #       *.sh *.py *.cmake *.cmake.in *.pc.in CMakeLists.txt Makefile *.bash _newsidx,
#           and any other file that starts with #!
#   .\"     man pages (man/*.[1-8])
# Run from anywhere inside the repository (or give its path in NX_SRC).
set -eu
id="SPDX-License-Identifier: GPL-2.0-or-later"
mode=fix
case ${1:-} in
--check) mode=check ;;
"") ;;
-h | --help)
  # The comment at the top, without its licence line.
  awk 'NR > 1 && !/^#/ { exit }
    NR > 1 && !/^# SPDX-License-Identifier:/ { sub(/^# ?/, ""); print }' "$0"
  exit 0
  ;;
*)
  echo "spdx.sh: unknown option '$1' (--check, or nothing to add the lines)" >&2
  exit 2
  ;;
esac
cd "${NX_SRC:-$(dirname "$0")/..}"
if ! git ls-files --error-unmatch CMakeLists.txt >/dev/null 2>&1; then
  echo "spdx.sh: needs git and a git checkout (the source files are the tracked ones)" >&2
  exit 2
fi

# The comment that carries the line, for one tracked path; nothing if it is not a source file.
comment() {
  case $1 in
  *.c | *.h | *.cc | *.hh | *.h.in | *.map) echo "/* $id */" ;;
  *.sh | *.py | *.cmake | *.cmake.in | *.pc.in | */CMakeLists.txt | CMakeLists.txt | \
    */Makefile | Makefile | *.bash | */_newsidx) echo "# $id" ;;
  man/*.[1-8]) printf '%s\n' ".\\\" $id" ;;
  *) if head -c 2 "$1" 2>/dev/null | grep -q '^#!'; then echo "# $id"; fi ;;
  esac
}

git ls-files -z | tr '\0' '\n' | while IFS= read -r f; do
  [ -f "$f" ] || continue
  line=$(comment "$f")
  [ -n "$line" ] || continue
  head -n 3 "$f" | grep -q "SPDX-License-Identifier:" && continue
  if [ $mode = check ]; then
    echo "$f"
    continue
  fi
  tmp=$f.spdx.$$
  # The line through the environment: awk -v would read its backslashes as escapes.
  SPDX_LINE=$line awk 'NR == 1 && /^(#!|#compdef)/ { print; print ENVIRON["SPDX_LINE"]; next }
    NR == 1 { print ENVIRON["SPDX_LINE"] } { print }' "$f" >"$tmp"
  chmod --reference="$f" "$tmp" 2>/dev/null || true
  mv "$tmp" "$f"
done >"${TMPDIR:-/tmp}/spdx.$$"
if [ $mode = check ] && [ -s "${TMPDIR:-/tmp}/spdx.$$" ]; then
  echo "spdx.sh: these source files lack an SPDX-License-Identifier line (run scripts/spdx.sh):" >&2
  cat "${TMPDIR:-/tmp}/spdx.$$"
  rm -f "${TMPDIR:-/tmp}/spdx.$$"
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/spdx.$$"
