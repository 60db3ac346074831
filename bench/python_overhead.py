#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""The Python binding's overhead on a search, next to the C latency, in the same run.

    bench/python_overhead.py [--db INDEX] [--reps 20] [--rounds 3]

Both sides run the same queries (bench/run.py's single terms, phrases and actor+topic sets) on
the same index, warm, in one process each, and do the same work per query: top 10, one passage
per article, the passage highlighted (nx_snippet, whole passage). C: bench/nx_query_bench (built
here with `make nx` against $NEWSIDX_BUILD, default ../build). Python: newsidx.Db.search, every
hit copied into a Hit object with its snippet; and, to tell the cost of crossing into C from
that of building Python objects, the same calls through ctypes with no Hit made ("ctypes
calls only"). Each round runs the three, the order rotating, so that a change in the
machine's load falls on all; the medians are over every search of every round.
Without --db, ../shared/corpus/ukraine.jsonl is indexed once into results/tmp/python/.
Prints a markdown table; --out FILE writes it there too. Standard library only.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
NX_BUILD = os.path.abspath(os.environ.get("NEWSIDX_BUILD", os.path.join(SRC, "build")))
os.environ.setdefault("NEWSIDX_LIB", os.path.join(NX_BUILD, "lib", "libnewsidx.so"))
sys.path.insert(0, os.path.join(SRC, "python"))
sys.path.insert(0, HERE)
import ctypes  # noqa: E402

import newsidx  # noqa: E402
from newsidx import _lib, search  # noqa: E402
from run import ACTOR_TOPIC, PHRASE, SINGLE  # noqa: E402

TMP = os.path.join(HERE, "results", "tmp", "python")
CORPUS = os.path.join(SRC, "..", "shared", "corpus", "ukraine.jsonl")

# (label, query text, actors, topics): the line nx_query_bench reads is made from the same
QUERIES = ([("single", q, [], []) for q in SINGLE] + [("phrase", q, [], []) for q in PHRASE]
           + [("actor+topic", "", [a], [t]) for a, t in ACTOR_TOPIC])


def bench_line(text, actors, topics):
    return "S\t%s\t%s\t%s" % (",".join(actors), ",".join(topics), text) if actors or topics \
        else text


def make_index():
    path = os.path.join(TMP, "ukraine.nx")
    if os.path.exists(path):
        return path
    if not os.path.exists(CORPUS):
        sys.exit("python_overhead: no --db and no %s to index" % CORPUS)
    os.makedirs(TMP, exist_ok=True)
    with newsidx.open(path, write=True, create=True) as db:
        st = db.ingest([CORPUS])
        print("indexed %d articles, %d passages" % (st.articles_added, st.passages),
              file=sys.stderr)
    return path


def c_latencies(db, qfile, reps):
    prog = os.path.join(HERE, "build", "nx_query_bench")
    out = subprocess.run([prog, "query", db, qfile, str(reps)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def py_once(db, text, actors, topics):
    r = db.search(text or None, actors=actors, topics=topics, limit=10, per_article=1,
                  max_bytes=0)
    hits = list(r)
    r.close()
    return hits


def calls_only(db, text, actors, topics):
    """nx_search, nx_results_next and nx_snippet through ctypes, nothing copied out."""
    opts, _keep = search.make_opts(text or None, actors, topics, limit=10, per_article=1)
    snip, _skeep = search.make_snippet_opts(True, 0, ("[", "]"), "...")
    r, hit = ctypes.c_void_p(), ctypes.POINTER(_lib.Hit)()
    _lib.check(_lib.lib.nx_search(ctypes.byref(r), db._handle(), ctypes.byref(opts)))
    n = 0
    while _lib.lib.nx_results_next(ctypes.byref(hit), r) == 0:
        search._snippet(hit.contents, snip)
        n += 1
    _lib.lib.nx_results_free(r)
    return n


def py_latencies(db, reps, fn):
    lat = []
    for _, text, actors, topics in QUERIES:  # warm-up pass
        fn(db, text, actors, topics)
    for _ in range(reps):
        for _, text, actors, topics in QUERIES:
            t0 = time.perf_counter()
            fn(db, text, actors, topics)
            lat.append(time.perf_counter() - t0)
    return lat


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db")
    ap.add_argument("--reps", type=int, default=10, help="repetitions of each query per round")
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--out", help="also write the table to this file")
    args = ap.parse_args()
    subprocess.run(["make", "-s", "-C", HERE, "nx", "NEWSIDX_BUILD=" + NX_BUILD], check=True)
    dbpath = args.db or make_index()
    os.makedirs(TMP, exist_ok=True)
    qfile = os.path.join(TMP, "queries.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        f.write("\n".join(bench_line(q[1], q[2], q[3]) for q in QUERIES) + "\n")
    sides = ("C (nx_query_bench)", "Python, ctypes calls only", "Python (newsidx binding)")
    per_round = {k: [] for k in sides}  # median ms of each round
    pooled = {k: [] for k in sides}  # every search's ms (C: its rounds' medians)
    with newsidx.open(dbpath) as db:
        hits_py = [len(py_once(db, q[1], q[2], q[3])) for q in QUERIES]
        runs = {sides[1]: lambda: py_latencies(db, args.reps, calls_only),
                sides[2]: lambda: py_latencies(db, args.reps, py_once)}
        for i in range(args.rounds):
            for side in sides[i % 3:] + sides[:i % 3]:
                if side == sides[0]:
                    c = c_latencies(dbpath, qfile, args.reps)
                    per_round[side].append(c["median_ms"])
                    pooled[side].append(c["median_ms"])
                else:
                    ms = [x * 1e3 for x in runs[side]()]
                    per_round[side].append(statistics.median(ms))
                    pooled[side] += ms
    hits_c = [q["hits"] for q in c["per_query"]]
    if hits_c != hits_py:
        sys.exit("python_overhead: C and Python found different hit counts: %s vs %s"
                 % (hits_c, hits_py))
    med = {k: statistics.median(v) for k, v in pooled.items()}
    lines = ["| side | median ms per search | ÷ C | per round |", "| --- | ---: | ---: | --- |"]
    for k in sides:
        lines.append("| %s | %.3f | %.2f | %s |" % (k, med[k], med[k] / med[sides[0]], ", ".join(
            "%.3f" % x for x in per_round[k])))
    ratios = [p / c for p, c in zip(per_round[sides[2]], per_round[sides[0]])]
    lines += ["", "Binding / C per round: %s (median %.2f); the binding adds %.3f ms per search "
              "(%.3f ms of it building Hit objects), %.1f hits per search on average. %d "
              "queries x %d reps x %d rounds on %s (%s), library %s, Python %s."
              % (", ".join("%.2f" % r for r in ratios), statistics.median(ratios),
                 med[sides[2]] - med[sides[0]], med[sides[2]] - med[sides[1]],
                 sum(hits_py) / len(hits_py), len(QUERIES), args.reps, args.rounds,
                 os.path.basename(dbpath), "load average %.1f at the end" % os.getloadavg()[0],
                 newsidx.version(), sys.version.split()[0])]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
