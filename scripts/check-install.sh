#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Check an installed newsidx the way a user meets it:
#   check-install.sh BUILD_DIR PREFIX      install BUILD_DIR into PREFIX first, with
#                                          `cmake --install --prefix` and no reconfigure
#   check-install.sh --installed PREFIX    check what is installed in PREFIX already
# Then: the man pages and completion are there (man finds the pages), the installed programs
# run without ldconfig or LD_LIBRARY_PATH and answer a query, and
# tests/install/consumer.c is built against PREFIX through pkg-config (only newsidx's own
# flags; dynamic and static) and through CMake's find_package, and run.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --installed ]; then
  build=
else
  build=${1:?usage: check-install.sh BUILD_DIR PREFIX | --installed PREFIX}
  build=$(cd "$build" && pwd)
fi
prefix=${2:?usage: check-install.sh BUILD_DIR PREFIX | --installed PREFIX}
fail() { echo "check-install: $*" >&2; exit 1; }
if [ -n "$build" ]; then
  rm -rf "$prefix"
  cmake --install "$build" --prefix "$prefix" >/dev/null
fi
prefix=$(cd "$prefix" && pwd)
pc=$(find "$prefix/lib" -name newsidx.pc -print | head -n 1)
[ -n "$pc" ] || fail "no newsidx.pc under $prefix/lib"
libdir=$(dirname "$(dirname "$pc")")
test -f "$libdir/libnewsidx.a" || fail "no static library in $libdir"
test -f "$prefix/include/newsidx.h" || fail "no header in $prefix/include"
test -f "$prefix/share/doc/newsidx/query.md" || fail "no documents in $prefix/share/doc/newsidx"
for f in man/man1/newsidx-query.1.gz man/man3/libnewsidx.3.gz bash-completion/completions/newsidx-query \
  zsh/vendor-completions/_newsidx; do
  test -f "$prefix/share/$f" || fail "no $f in $prefix/share"
done
if command -v man >/dev/null 2>&1; then
  MANPATH="$prefix/share/man" man -w newsidx-query >/dev/null || fail "man -w newsidx-query failed"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The programs find their library by themselves (RUNPATH), with no help from the environment.
env -u LD_LIBRARY_PATH "$prefix/bin/newsidx-index" --help >/dev/null || fail "newsidx-index --help failed"
env -u LD_LIBRARY_PATH "$prefix/bin/newsidx-query" --help >/dev/null || fail "newsidx-query --help failed"
env -u LD_LIBRARY_PATH "$prefix/bin/newsidx-serve" --help >/dev/null || fail "newsidx-serve --help failed"
env -u LD_LIBRARY_PATH "$prefix/bin/newsidx-index" -q --db "$work/sample.nx" "$src/sample" \
  || fail "newsidx-index on sample/ failed"
hits=$(env -u LD_LIBRARY_PATH "$prefix/bin/newsidx-query" --db "$work/sample.nx" --count \
  'ceasefire')
[ "${hits%% *}" -gt 0 ] 2>/dev/null || fail "the installed newsidx-query found nothing: $hits"
echo "check-install: installed programs run ($hits for 'ceasefire')"

pcpath=$(dirname "$pc")
cflags=$(PKG_CONFIG_PATH="$pcpath" pkg-config --cflags newsidx)
incdir=${cflags#-I}
incdir=${incdir%% }
case $incdir in
*" "*) fail "pkg-config --cflags newsidx is '$cflags': more than newsidx's own -I" ;;
esac
[ "$(cd "$incdir" 2>/dev/null && pwd -P)" = "$(cd "$prefix/include" && pwd -P)" ] \
  || fail "pkg-config --cflags newsidx is '$cflags', not the prefix's include folder"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Werror -o "$work/consumer-pc" "$src/tests/install/consumer.c" \
  $(PKG_CONFIG_PATH="$pcpath" pkg-config --cflags --libs newsidx)
LD_LIBRARY_PATH="$libdir" "$work/consumer-pc" "$work/idx-pc"
echo "check-install: pkg-config consumer ok"

# shellcheck disable=SC2046
cc -std=c11 -Wall -Werror -static-libgcc -o "$work/consumer-static" \
  "$src/tests/install/consumer.c" $(PKG_CONFIG_PATH="$pcpath" pkg-config --cflags newsidx) \
  "$libdir/libnewsidx.a" \
  $(PKG_CONFIG_PATH="$pcpath" pkg-config --static --libs-only-l newsidx | sed 's/-lnewsidx//')
if ldd "$work/consumer-static" | grep -q libnewsidx; then fail "static consumer loads libnewsidx.so"; fi
"$work/consumer-static" "$work/idx-static"
echo "check-install: static pkg-config consumer ok"

cmake -S "$src/tests/install" -B "$work/cm" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cm" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cm/consumer" "$work/idx-cm"
echo "check-install: find_package consumer ok"
