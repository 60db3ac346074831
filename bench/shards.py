#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Ingest speed-up of sharded indexes (issue 7): newsidx-index --shards N, N = 1, 2, 4.

  bench/shards.py                         3 runs per cell, N = 1,2,4, both corpora
  REPS=5 SHARDS=1,2,4,8 bench/shards.py
  NEWSIDX_BUILD=/path/to/build bench/shards.py    (default: ../build of this tree)

Each run indexes one corpus file as a user gives it (../shared/corpus/ukraine.jsonl and
general.jsonl.gz) into a fresh index with --shards N (N = 1 is the ordinary unsharded index),
the N order rotating between runs. Per run: wall and CPU seconds and peak RSS of the indexing
process (run.py's measure()), articles and passages from the --json summary, index bytes. The
speed-up of N is the median wall time of N = 1 over the median wall time of N. Prints a
markdown table and writes results/shards.md. Standard library only.
"""
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ.setdefault("NEWSIDX_BUILD", os.path.join(HERE, "..", "build"))
os.environ.setdefault("REPS", "3")  # before run.py reads it
sys.path.insert(0, HERE)
import run as bench  # noqa: E402  (measure, du, rm, machine, paths)

REPS = bench.REPS
SHARDS = [int(s) for s in os.environ.get("SHARDS", "1,2,4").split(",") if s]
CORPORA = ["ukraine.jsonl", "general.jsonl.gz"]
TMP = os.path.join(HERE, "results", "tmp", "shards")


def index_once(src, n):
    db = os.path.join(TMP, "shards.nx")
    bench.rm(db)
    wall, cpu, rss, text = bench.measure([bench.NX_INDEX, "--db", db, "--json", "--shards",
                                          str(n), src])
    s = json.loads(text)
    return {"wall": wall, "cpu": cpu, "rss": rss, "articles": s["articles_added"],
            "passages": s["passages"], "bytes": bench.du(db)}


def table(res):
    rows = ["| corpus | shards | wall s | CPU s | CPU/wall | articles/s | speed-up | best-run "
            "speed-up | peak RSS MB | index MB |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for corpus in CORPORA:
        base = res.get((corpus, 1))
        for n in SHARDS:
            r = res.get((corpus, n))
            if not r:
                continue
            wall = statistics.median(r["wall"])
            up = statistics.median(base["wall"]) / wall if base else float("nan")
            best = min(base["wall"]) / min(r["wall"]) if base else float("nan")
            cpu = statistics.median(r["cpu"])
            rows.append("| %s | %d | %.2f (%.2f–%.2f) | %.2f | %.2f | %.0f | %.2f× | %.2f× | %.0f "
                        "| %.1f |" % (
                            corpus, n, wall, min(r["wall"]), max(r["wall"]), cpu, cpu / wall,
                            statistics.median(r["articles"]) / wall, up, best,
                            statistics.median(r["rss"]) / 1e6, statistics.median(r["bytes"]) / 1e6))
    return rows


def main():
    os.makedirs(TMP, exist_ok=True)
    os.makedirs(bench.TMP, exist_ok=True)  # measure() keeps its output files there
    res = {}
    for rep in range(REPS):
        order = SHARDS[rep % len(SHARDS):] + SHARDS[:rep % len(SHARDS)]
        for corpus in CORPORA:
            src = os.path.join(bench.SHARED, "corpus", corpus)
            for n in order:
                bench.log("%s --shards %d run %d/%d" % (corpus, n, rep + 1, REPS))
                for k, v in index_once(src, n).items():
                    res.setdefault((corpus, n), {}).setdefault(k, []).append(v)
    for corpus in CORPORA:  # the same articles whatever N
        counts = {n: set(res[(corpus, n)]["articles"]) for n in SHARDS if (corpus, n) in res}
        if len({c for s in counts.values() for c in s}) != 1:
            sys.exit("shards.py: %s: article counts differ between runs: %s" % (corpus, counts))
    load = os.getloadavg()
    report = ["# newsidx sharded ingest: speed-up with --shards N", "",
              bench.machine().split("- runs per cell")[0].rstrip(),
              "- runs per cell: %d, shard counts alternating" % REPS,
              "- load average at the end: %.2f %.2f %.2f (other jobs share the machine)" % load,
              "", "Figures: median (min–max) of %d runs. Speed-up: median wall time of N = 1 over "
              "that of N; best-run speed-up: the fastest run of N = 1 over the fastest of N, the "
              "least disturbed runs when other jobs load the machine (CPU/wall below the number "
              "of threads shows how much of the machine the run got). Each shard's writer reads "
              "and parses all the input (and the "
              "boilerplate pass reads it once more, single-threaded), so only the indexing "
              "itself is parallel; with 2 cores, N > 2 cannot go faster." % REPS, ""] + table(res)
    text = "\n".join(report) + "\n"
    print(text)
    with open(os.path.join(HERE, "results", "shards.md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
