#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the Debian packages newsidx and libnewsidx-dev with CPack and check them.
#   deb-check.sh [BUILD_DIR]             build (Release, prefix /usr, Debian's hardening flags
#                                        from dpkg-buildflags) into BUILD_DIR (default
#                                        build-deb), cpack -G DEB, check what each package
#                                        holds and depends on, and run lintian when installed
#                                        (warnings listed, an error fails)
#   deb-check.sh --install [BUILD_DIR]   then install both with apt-get (which fetches the
#                                        dependencies dpkg-shlibdeps named), use them as a user
#                                        would (--help, index sample/, a query, man -w, the
#                                        completion, a program built through pkg-config and
#                                        find_package), and remove them with dpkg -r, checking
#                                        that no file of theirs is left. This changes the
#                                        system: meant for a disposable root (the fresh-machine
#                                        check runs it in its own); needs root.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
install=0
if [ "${1:-}" = --install ]; then
  install=1
  shift
fi
build=${1:-$src/build-deb}
say() { printf 'deb-check: %s\n' "$*" >&2; }
fail() {
  say "$*"
  exit 1
}
if [ $install = 1 ] && [ "$(id -u)" -ne 0 ]; then fail "--install needs root (apt-get, dpkg)"; fi
# CPack's Debian generator runs dpkg-shlibdeps and file (scripts/setup-debian.sh --test).
command -v dpkg-shlibdeps >/dev/null 2>&1 || fail "dpkg-shlibdeps is missing (apt-get install dpkg-dev)"
command -v file >/dev/null 2>&1 || fail "file is missing (apt-get install file)"

# dpkg-buildflags: the flags Debian builds its packages with (hardening: -fstack-protector-strong,
# -D_FORTIFY_SOURCE=2, -z relro -z now ...).
say "building into $build (Release, prefix /usr)"
cppflags=$(dpkg-buildflags --get CPPFLAGS)
ldflags=$(dpkg-buildflags --get LDFLAGS)
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DBUILD_TESTING=OFF -DCMAKE_C_FLAGS="$(dpkg-buildflags --get CFLAGS) $cppflags" \
  -DCMAKE_CXX_FLAGS="$(dpkg-buildflags --get CXXFLAGS) $cppflags" \
  -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_SHARED_LINKER_FLAGS="$ldflags" >/dev/null
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
rm -f "$build"/*.deb
(cd "$build" && cpack -G DEB >/dev/null) || fail "cpack -G DEB failed"
bin=$(ls "$build"/newsidx_*.deb)
dev=$(ls "$build"/libnewsidx-dev_*.deb)
say "built $(basename "$bin") and $(basename "$dev")"

# What each package holds and depends on.
has() { # PACKAGE PATH-PATTERN...
  pkg=$1
  shift
  for p in "$@"; do
    dpkg-deb -c "$pkg" | awk '{ print $6 }' | grep -q -- "$p" || fail "$(basename "$pkg") lacks $p"
  done
}
has "$bin" '^\./usr/bin/newsidx-index$' '^\./usr/bin/newsidx-query$' '^\./usr/bin/newsidx-serve$' \
  '^\./usr/lib/.*libnewsidx\.so\.0' '^\./usr/share/man/man1/newsidx-query\.1\.gz$' \
  '^\./usr/share/bash-completion/completions/newsidx-query$' \
  '^\./usr/share/zsh/vendor-completions/_newsidx$' '^\./usr/share/doc/newsidx/copyright$' \
  '^\./usr/share/doc/newsidx/query\.md$' '^\./usr/lib/python3/dist-packages/newsidx/__init__\.py$'
has "$dev" '^\./usr/include/newsidx\.h$' '^\./usr/lib/.*libnewsidx\.a$' \
  '^\./usr/lib/.*libnewsidx\.so$' '^\./usr/lib/.*pkgconfig/newsidx\.pc$' \
  '^\./usr/lib/.*cmake/newsidx/newsidxConfig\.cmake$' '^\./usr/share/man/man3/libnewsidx\.3\.gz$' \
  '^\./usr/share/doc/libnewsidx-dev/copyright$'
if dpkg-deb -c "$bin" | grep -q 'usr/include\|\.a$'; then fail "newsidx holds development files"; fi
deps=$(dpkg-deb -f "$bin" Depends)
for lib in libxapian30 libjansson4 libxml2 libmicrohttpd12 libc6; do
  case $deps in *"$lib"*) ;; *) fail "newsidx does not depend on $lib: Depends: $deps" ;; esac
done
case $(dpkg-deb -f "$dev" Depends) in
"newsidx (= $(dpkg-deb -f "$bin" Version))"*) ;;
*) fail "libnewsidx-dev does not depend on this newsidx: $(dpkg-deb -f "$dev" Depends)" ;;
esac
say "newsidx Depends: $deps"

if command -v lintian >/dev/null 2>&1; then
  lintian --tag-display-limit 0 "$bin" "$dev" >"$build/lintian.txt" 2>&1 || true
  say "lintian ($(grep -c '^[EWI]:' "$build/lintian.txt" || true) tags; $build/lintian.txt):"
  sed 's/^/  /' "$build/lintian.txt" >&2
  if grep -q '^E:' "$build/lintian.txt"; then fail "lintian reports errors"; fi
else
  say "lintian is not installed: packages not linted (apt-get install lintian)"
fi
[ $install = 1 ] || exit 0

# Install as a user would, with the dependencies apt finds from the packages' Depends.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q ' installed$'; }
installed newsidx && fail "a newsidx package is installed already"
env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$bin" "$dev" \
  >"$build/apt.log" 2>&1 || { tail -n 20 "$build/apt.log" >&2; fail "apt-get install failed"; }
files=$(dpkg -L newsidx libnewsidx-dev | while read -r f; do [ -d "$f" ] || echo "$f"; done)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
/usr/bin/newsidx-index --help >/dev/null || fail "newsidx-index --help failed"
/usr/bin/newsidx-index -q --db sample.nx "$src/sample" || fail "newsidx-index on sample/ failed"
out=$(NEWSIDX_DB=sample.nx /usr/bin/newsidx-query --count ceasefire) || fail "newsidx-query failed"
[ "${out%% *}" -gt 0 ] 2>/dev/null || fail "the packaged newsidx-query found nothing: $out"
say "installed programs: $out for 'ceasefire'"
if command -v man >/dev/null 2>&1; then
  man -w newsidx-query >/dev/null && man -w 3 libnewsidx >/dev/null || fail "man -w newsidx-query failed"
  say "man -w newsidx-query: $(man -w newsidx-query)"
else
  say "man is not installed (man-db): man pages not looked up"
fi
if command -v python3 >/dev/null 2>&1; then
  n=$(python3 -c 'import newsidx
with newsidx.open("sample.nx") as db: print(db.search("ceasefire").articles)') ||
    fail "the packaged Python binding failed"
  say "the packaged Python binding: $n articles for 'ceasefire'"
fi
bash -c '. /usr/share/bash-completion/completions/newsidx-query && complete -p newsidx-query' \
  >/dev/null || fail "the installed bash completion does not load"
sh "$src/scripts/check-install.sh" --installed /usr >&2 || fail "check-install.sh on /usr failed"

dpkg -r libnewsidx-dev newsidx >"$build/remove.log" 2>&1 || { cat "$build/remove.log" >&2; fail "dpkg -r failed"; }
left=$(for f in $files; do if [ -e "$f" ] || [ -L "$f" ]; then echo "$f"; fi; done)
[ -z "$left" ] || fail "dpkg -r left: $left"
# Removed, not purged: dpkg keeps a package with a postrm (ldconfig) as "config-files".
installed newsidx && fail "newsidx is still installed"
installed libnewsidx-dev && fail "libnewsidx-dev is still installed"
say "installed, used and removed cleanly ($(echo "$files" | wc -l) files)"
