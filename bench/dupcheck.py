#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Acceptance of issue 28 (docs/duplicates.md): no two hits of a top 10 share a cluster or a body.

  bench/dupcheck.py INDEX [NEWSIDX_BUILD]

Runs newsidx-query --json -n 10 on INDEX (general.jsonl.gz indexed) for every query of
bench/run.py's query sets (the eval queries, single terms, phrases, actor + topic) and for
'Blair election' and 'oil prices OPEC'; fails when two hits of a top 10 have the same cluster
(copies and near copies) or the same body (the body of each hit is read back with --article),
and reports the hits with copies (also_in). Standard library only.
"""
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402  (the query sets)


def query(nxq, db, args):
    out = subprocess.run([nxq, "--db", db, "--json", "-n", "10"] + args, check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if json.loads(l)["type"] == "result"]


def body(nxq, db, aid, cache):
    if aid not in cache:
        out = subprocess.run([nxq, "--db", db, "--json", "--article", aid], check=True,
                             capture_output=True, text=True).stdout
        cache[aid] = hashlib.sha256(json.loads(out)["body"].encode()).hexdigest()
    return cache[aid]


def main():
    db = sys.argv[1]
    build = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "build")
    nxq = os.path.join(build, "query", "newsidx-query")
    with open(os.path.join(run.SHARED, "eval", "queries.jsonl"), encoding="utf-8") as f:
        evalq = [json.loads(line)["query"] for line in f if line.strip()]
    queries = [[q] for q in evalq + run.SINGLE + run.PHRASE + ["Blair election", "oil prices OPEC"]]
    queries += [["--actor", a, "--topic", t] for a, t in run.ACTOR_TOPIC]
    bad, with_copies, cache = 0, 0, {}
    for q in queries:
        hits = query(nxq, db, q)
        stories = [h["cluster"] for h in hits]
        bodies = [body(nxq, db, h["article_id"], cache) for h in hits]
        arts = {}
        for h, s, b in zip(hits, stories, bodies):
            arts.setdefault(h["article_id"], (s, b))
        if len({s for s, _ in arts.values()}) != len(arts) or \
                len({b for _, b in arts.values()}) != len(arts):
            bad += 1
            print("FAIL %s: two articles of the top 10 share a cluster or a body" % q)
        n = sum(1 for h in hits if h["also_in"])
        with_copies += n
        if q in (["Blair election"], ["oil prices OPEC"]):
            print("%s: %s" % (q[0], "; ".join("%s also in %s" % (h["article_id"], ", ".join(
                c["article_id"] for c in h["also_in"])) for h in hits if h["also_in"])))
    print("%d queries, %d with a shared cluster or body in the top 10, %d hits with copies"
          % (len(queries), bad, with_copies))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
