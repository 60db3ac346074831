#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install what newsidx needs on Debian 12 (bookworm), through sudo when not root. Idempotent.
#   setup-debian.sh --runtime   the shared libraries installed programs load (no compiler)
#   setup-debian.sh --build     + compiler, CMake and the -dev packages: build and run (the demo)
#   setup-debian.sh [--test]    + everything every stage of scripts/test-all.sh and
#                               scripts/fresh-check.sh uses (the default)
# scripts/fresh-check.sh proves on a bare Debian root that these lists are complete.
set -eu
mode=${1:---test}
RUNTIME="libxapian30 zlib1g libutf8proc2 libstemmer0d libjansson4 libxml2 libmicrohttpd12"
# uuid-dev and liblzma-dev: a program linked with the static libnewsidx.a needs them too
# (xapian-core's -luuid, libxml2's -llzma), and neither -dev package brings them.
BUILD="$RUNTIME build-essential cmake pkg-config libxapian-dev zlib1g-dev libutf8proc-dev
  libstemmer-dev libjansson-dev libxml2-dev libmicrohttpd-dev uuid-dev liblzma-dev"
# cmocka: unit tests; xapian-tools: remote-shard tests (xapian-tcpsrv); python3: JSON checks in
# the command-line tests; valgrind, clang + its runtimes: sanitizer, valgrind and fuzzing
# stages; debootstrap: the fresh-machine check; man-db and zsh: the man page and completion
# tests; file: CPack's Debian packages (scripts/deb-check.sh; dpkg-dev comes with
# build-essential); chromium and its driver: the search page's browser test
# (tests/cli/test_page.sh); python3-pytest: the Python binding's tests; git: the licence-line
# check lists the tracked files.
TEST="$BUILD libcmocka-dev xapian-tools python3 python3-pytest valgrind clang libclang-rt-14-dev
  debootstrap man-db zsh file chromium chromium-driver git"
case $mode in
--runtime) PKGS=$RUNTIME ;;
--build) PKGS=$BUILD ;;
--test) PKGS=$TEST ;;
-h | --help)
  # The comment at the top, without its licence line.
  awk 'NR > 1 && !/^#/ { exit }
    NR > 1 && !/^# SPDX-License-Identifier:/ { sub(/^# ?/, ""); print }' "$0"
  exit 0
  ;;
*)
  echo "setup-debian.sh: unknown mode '$mode' (--runtime, --build or --test)" >&2
  exit 2
  ;;
esac
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
missing=
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing" >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    $missing >/dev/null
fi
