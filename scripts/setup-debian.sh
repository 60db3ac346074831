#!/bin/sh
# Install what newsidx needs to build, test and run on Debian 12 (bookworm). Idempotent.
set -eu
SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
PKGS="build-essential cmake pkg-config libxapian-dev zlib1g-dev libutf8proc-dev libstemmer-dev
  libjansson-dev libxml2-dev libcmocka-dev xapian-tools python3 valgrind clang libclang-rt-14-dev"
missing=
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "setup: installing$missing" >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
