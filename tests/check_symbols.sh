#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The shared library exports nx_ functions only (everything else is hidden).
set -eu
lib=${1:?usage: check_symbols.sh libnewsidx.so}
bad=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | grep -v '^nx_' | grep -v '^nx__never' || true)
count=$(nm -D --defined-only "$lib" | awk '$2 == "T" {print $3}' | grep -c '^nx_' || true)
if [ -n "$bad" ]; then
  echo "exported symbols without the nx_ prefix:"; echo "$bad"; exit 1
fi
if nm -D --defined-only "$lib" | awk '{print $3}' | grep -q '^nx__'; then
  echo "private nx__ symbols are exported"; exit 1
fi
if [ "$count" -lt 30 ]; then
  echo "only $count nx_ functions exported: the API is missing"; exit 1
fi
echo "exported: $count nx_ functions, nothing else"
