#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Indexing and query benchmark (issue 5): see run.py for what is measured and the knobs
# (REPS, QREPS, SCALES, SYSTEMS, NEWSIDX_BUILD). Writes results/latest.md.
exec python3 "$(dirname "$0")/run.py" "$@"
