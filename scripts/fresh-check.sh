#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The fresh-machine check: prove that the README's commands work on a bare Debian 12.
# It makes a minimal Debian 12 root with debootstrap (minbase: nothing but apt), copies a clean
# clone of this repository's HEAD to /work/main and ../shared to /work/shared inside it, and
# runs there, as root and with an empty environment:
#   1. the README's demo command (sh scripts/demo.sh);
#   2. the README's install steps, with the default prefix and with a custom one, then
#      newsidx-index --help, newsidx-query --help, a query, and scripts/check-install.sh on each
#      (an outside program through pkg-config, dynamic and static, and find_package), and the
#      uninstall step after the default one;
#   3. the build + ctest and install stages of the README's test command
#      (sh scripts/test-all.sh build install; NX_FRESH_STAGES="" runs all its stages, the whole
#      README test command, which takes about 25 minutes more);
#   4. the Debian packages: scripts/deb-check.sh --install builds them, installs them with
#      apt-get, runs the installed programs, man -w and the completion, and removes them.
# Needs root (debootstrap, chroot, mounts); the package mirror is the one this machine's apt
# sources name. Mounts it makes are undone on exit, also on failure. NX_FRESH_KEEP=1 keeps the
# root for a look afterwards; NX_FRESH_DIR chooses where it is made (default: under /var/tmp).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
say() { printf 'fresh-check: %s\n' "$*" >&2; }
if [ "$(id -u)" -ne 0 ]; then
  say "needs root (debootstrap, chroot and mounts); run it as root or with sudo"
  exit 2
fi

# The mirror of this machine's Debian 12 sources: a deb822 .sources file or a one-line .list.
mirror() {
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; FS = "\n" }
      /(^|\n)Suites:[^\n]*bookworm([ \t\n]|$)/ && !/(^|\n)Enabled: *no/ {
        for (i = 1; i <= NF; i++) if ($i ~ /^URIs:/) { split($i, u, /[ \t]+/); print u[2]; exit } }' "$f"
  done
  cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $3 == "bookworm" { print ($2 ~ /^\[/ ? $3 : $2); exit }'
}
url=$(mirror | head -n 1)
[ -n "$url" ] || { say "no Debian 12 (bookworm) source in /etc/apt/sources.list*"; exit 2; }

command -v debootstrap >/dev/null 2>&1 || {
  say "installing debootstrap"
  env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap \
    >/dev/null 2>&1 || {
    env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  }
}

base=${NX_FRESH_DIR:-/var/tmp}
mkdir -p "$base"
root=$(mktemp -d "$base/newsidx-fresh.XXXXXX")
chmod 755 "$root" # the new system's /: tests run some programs as an unprivileged user
mounted=
cleanup() {
  rc=$?
  for m in $mounted; do umount -l "$root$m" 2>/dev/null || true; done
  if grep -q " $root/" /proc/mounts; then
    say "mounts remain under $root; not removing it"
  elif [ "${NX_FRESH_KEEP:-0}" = 1 ]; then
    say "kept the root in $root"
  else
    rm -rf --one-file-system "$root"
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

start=$(date +%s)
say "debootstrap --variant=minbase bookworm into $root (mirror from this machine's apt sources)"
if ! debootstrap --variant=minbase bookworm "$root" "$url" >"$root.debootstrap.log" 2>&1; then
  tail -n 20 "$root.debootstrap.log" >&2
  rm -f "$root.debootstrap.log"
  say "debootstrap failed"
  exit 1
fi
rm -f "$root.debootstrap.log"
# The same sources as this machine (updates and security too), else debootstrap's one line.
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && grep -q bookworm "$f" && cp "$f" "$root/etc/apt/sources.list.d/" && : >"$root/etc/apt/sources.list"
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

mkdir -p "$root/work"
git clone -q "$src" "$root/work/main"
say "testing a clean clone of HEAD ($(git -C "$src" rev-parse --short HEAD))"
if [ -d "$src/../shared" ]; then
  cp -a "$src/../shared" "$root/work/shared"
  chmod -R a-w "$root/work/shared"
else
  say "no ../shared beside the repository: corpus tests will skip"
fi

for m in /proc /sys /dev /dev/pts; do
  mkdir -p "$root$m"
  case $m in
  /proc) mount -t proc proc "$root$m" ;;
  /sys) mount -t sysfs sysfs "$root$m" ;;
  *) mount --bind "$m" "$root$m" ;;
  esac
  mounted="$m $mounted"
done
mkdir -p "$root/dev/shm"
mount -t tmpfs shm "$root/dev/shm"
mounted="/dev/shm $mounted"

inside() {
  say "in the fresh root: $1"
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/sh -euc "cd /work/main && $1"
}

inside 'sh scripts/demo.sh'
inside 'cmake --install build && newsidx-index --help >/dev/null && newsidx-query --help >/dev/null &&
  newsidx-query --db build/sample.nx --count ceasefire &&
  sh scripts/check-install.sh --installed /usr/local &&
  cmake --build build --target uninstall >/dev/null && ! test -e /usr/local/bin/newsidx-query &&
  ! test -e /usr/local/include/newsidx.h && echo "uninstall removed what the install wrote"'
inside 'cmake --install build --prefix /opt/newsidx && /opt/newsidx/bin/newsidx-query --help >/dev/null &&
  /opt/newsidx/bin/newsidx-query --db build/sample.nx --count "Lavrov truce" &&
  sh scripts/check-install.sh --installed /opt/newsidx'
inside "sh scripts/test-all.sh ${NX_FRESH_STAGES-build install}"
inside 'sh scripts/deb-check.sh --install'
say "passed in $(($(date +%s) - start)) s"
