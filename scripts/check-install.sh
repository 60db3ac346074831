#!/bin/sh
# Install a build into a staging prefix, then build and run tests/install/consumer.c against it
# twice: through pkg-config and through CMake's find_package.
set -eu
build=${1:?usage: check-install.sh BUILD_DIR STAGE_DIR}
stage=${2:?usage: check-install.sh BUILD_DIR STAGE_DIR}
src=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$stage"
mkdir -p "$stage"
stage=$(cd "$stage" && pwd)
build=$(cd "$build" && pwd)
# The pkg-config file names absolute directories (STYLE: @CMAKE_INSTALL_FULL_LIBDIR@), so the
# staging prefix is configured, not only passed to --install.
cmake -DCMAKE_INSTALL_PREFIX="$stage" "$build" >/dev/null
cmake --build "$build" >/dev/null
cmake --install "$build" >/dev/null
libdir=$(dirname "$(find "$stage" -name libnewsidx.so -print | head -n 1)")
test -f "$libdir/libnewsidx.a" || { echo "check-install: no static library installed" >&2; exit 1; }
test -f "$stage/include/newsidx.h" || { echo "check-install: no header installed" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

PKG_CONFIG_PATH="$libdir/pkgconfig" cc -std=c11 -Wall -Werror -o "$work/consumer-pc" \
  "$src/tests/install/consumer.c" $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs newsidx)
LD_LIBRARY_PATH="$libdir" "$work/consumer-pc" "$work/idx-pc"
echo "check-install: pkg-config consumer ok"

PKG_CONFIG_PATH="$libdir/pkgconfig" cc -std=c11 -Wall -Werror -o "$work/consumer-static" \
  "$src/tests/install/consumer.c" -static-libgcc \
  $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags newsidx) "$libdir/libnewsidx.a" \
  $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --static --libs-only-l newsidx | sed 's/-lnewsidx//')
"$work/consumer-static" "$work/idx-static"
echo "check-install: static pkg-config consumer ok"

cmake -S "$src/tests/install" -B "$work/cm" -DCMAKE_PREFIX_PATH="$stage" >/dev/null
cmake --build "$work/cm" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cm/consumer" "$work/idx-cm"
echo "check-install: find_package consumer ok"
