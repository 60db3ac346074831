#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Does the ranking's tuning generalise? Cross-validation over shared/eval (standard library).

The ranking constants of lib/query/search.c and qwords.c were chosen on the first 20 judged
needs of shared/eval (there are more now: every need of queries.jsonl counts); a second, hidden
set of needs checks them. This script estimates what that check
will see: it builds newsidx-query once per point of a grid of those constants (each a
compile-time -D override; the index does not depend on them), runs the plain queries (and
the structured form) on one index of ukraine.jsonl, and then

  * leave-one-query-out: for each of the N needs, the grid point with the best mean nDCG@10 on
    the other N-1 ranks it; the mean over the N held-out needs estimates the nDCG@10 of tuning
    on N-1 needs for an unseen one (P@5 of the same choice alongside), also per theme (actors,
    ceasefire, nato, energy; none for the needs without one);
  * two folds (the first half of the needs by id / the rest): tuned on one half, scored on the
    other;
  * the shipped defaults and the untuned point (BM25 k1 1.2, b 0.75, no feedback, no article
    context, no coordination, actors-in-one-sentence or remarks boost) in the same run.

  bench/cv.py [--db INDEX] [--jobs N]     (a build and 2N queries per grid point, 97 points;
                                          done ones are cached)

bench/ablation.py removes one component or tunes one constant at a time instead.

Needs a configured newsidx source tree (this one) and a built newsidx-index
(NEWSIDX_BUILD, default ../build) for the index when --db is not given.
"""
import argparse
import itertools
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
SHARED = os.environ.get("NEWSIDX_SHARED", os.path.join(SRC, "..", "shared"))
BUILD = os.environ.get("NEWSIDX_BUILD", os.path.join(SRC, "build"))
WORK = os.path.join(HERE, "results", "tmp", "cv")
sys.path.insert(0, HERE)
import benchlib  # noqa: E402

# The grid: each constant's shipped value and a value the sweeps in docs/ranking.md showed to
# matter (k1 was flat from 0.6 to 2.0 and stays at 0.8; NX_SPEAKER_WEIGHT acts on a few
# transcripts only and stays at its default), plus UNTUNED.
GRID = [
    ("NX_BM25_K1", [0.8]),
    ("NX_BM25_B", [0.35, 0.75]),
    ("NX_FEEDBACK_WEIGHT", [0, 0.3, 0.6]),
    ("NX_CONTEXT_WEIGHT", [0, 0.6]),
    ("NX_ACTOR_NEAR_BOOST", [0, 0.5]),
    ("NX_COORD_BOOST", [0, 0.5]),
    ("NX_REMARKS_WEIGHT", [0, 1.0]),
]
DEFAULTS = {"NX_BM25_K1": 0.8, "NX_BM25_B": 0.75, "NX_FEEDBACK_WEIGHT": 0.3,
            "NX_CONTEXT_WEIGHT": 0.6, "NX_ACTOR_NEAR_BOOST": 0.5, "NX_COORD_BOOST": 0.5,
            "NX_REMARKS_WEIGHT": 1.0}
UNTUNED = {"NX_BM25_K1": 1.2, "NX_BM25_B": 0.75, "NX_FEEDBACK_WEIGHT": 0,
           "NX_CONTEXT_WEIGHT": 0, "NX_ACTOR_NEAR_BOOST": 0, "NX_COORD_BOOST": 0,
           "NX_REMARKS_WEIGHT": 0}
FORMS = ("plain", "structured")
THEMES = ("actors", "ceasefire", "nato", "energy", "none")


def name_of(point):
    return ",".join("%s=%g" % (k[3:].lower(), point[k]) for k, _ in GRID)


def build(point, jobs):
    d = os.path.join(WORK, "build", name_of(point).replace(",", "_").replace("=", "-"))
    flags = " ".join("-D%s=%r" % (k, float(v)) for k, v in point.items())
    exe = os.path.join(d, "query", "newsidx-query")
    stamp = os.path.join(d, "cv.flags")
    if not (os.path.exists(stamp) and open(stamp).read() == flags):
        subprocess.run(["cmake", "-S", SRC, "-B", d, "-DCMAKE_BUILD_TYPE=Release",
                        "-DCMAKE_C_FLAGS=" + flags], check=True, stdout=subprocess.DEVNULL)
        with open(stamp, "w") as f:
            f.write(flags)
    # Always built: the tree may have changed since (a stale binary once scored old code).
    subprocess.run(["cmake", "--build", d, "-j%d" % jobs, "--target", "newsidx-query"],
                   check=True, stdout=subprocess.DEVNULL)
    return exe


def score_point(exe, db, queries, form):
    lines = []
    for q in queries:
        r = subprocess.run([exe, "--db", db, "--json", "-n", "100", "--per-article", "3"] +
                           benchlib.cli_args(q, form), capture_output=True, text=True,
                           check=True)
        lines += benchlib.cli_to_run(q["qid"], r.stdout.splitlines())
    run = os.path.join(WORK, "run.jsonl")
    with open(run, "w") as f:
        f.write("\n".join(lines) + "\n")
    out = subprocess.run([sys.executable, os.path.join(SHARED, "eval", "score.py"), run,
                          "--json"], capture_output=True, text=True, check=True).stdout
    return {qid: (v["ndcg@10"], v["p@5"]) for qid, v in json.loads(out)["per_query"].items()}


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def changed(point_name):
    """How many constants of a point differ from the shipped defaults."""
    return sum(kv not in name_of(DEFAULTS).split(",") for kv in point_name.split(","))


def held_out(results, train, test):
    """Pick the point best on `train` (mean nDCG@10), score it on `test`: (nDCG, P@5, point).
    Points the training needs cannot tell apart (equal means: e.g. a constant that only acts on
    needs naming an actor, tuned on needs that name none) go to the one nearest the defaults,
    not to whichever comes first."""
    best = max(results, key=lambda p: (round(mean([results[p][q][0] for q in train]), 9),
                                       -changed(p)))
    return ([results[best][q][0] for q in test], [results[best][q][1] for q in test], best)


def by_theme(nd, qids, theme_of):
    """nDCG@10 means per theme of the per-need figures `nd` (in the order of qids)."""
    return " / ".join("%.3f" % mean([n for n, q in zip(nd, qids) if t in theme_of[q]])
                      for t in THEMES)


def report(results, qids, form, theme_of):
    d, u = name_of(DEFAULTS), name_of(UNTUNED)
    results = dict(results)
    untuned = results.pop(u)  # not a point tuning may choose: outside the grid
    rows = []

    def row(label, nd, p5, themes=True):
        rows.append("| %s | %s | %.3f | %.2f | %s |" % (form, label, mean(nd), mean(p5),
                                                         by_theme(nd, qids, theme_of)
                                                         if themes else "-"))

    row("untuned BM25", [untuned[q][0] for q in qids], [untuned[q][1] for q in qids])
    row("shipped defaults (in-sample)", [results[d][q][0] for q in qids],
        [results[d][q][1] for q in qids])
    best = held_out(results, qids, [])[2]
    row("best grid point, in-sample (%s)" % best, [results[best][q][0] for q in qids],
        [results[best][q][1] for q in qids])
    nd, p5, picks = [], [], {}
    for q in qids:
        n, p, b = held_out(results, [x for x in qids if x != q], [q])
        nd += n
        p5 += p
        picks[b] = picks.get(b, 0) + 1
    row("leave-one-query-out (%d distinct picks, defaults %d of %d)" %
        (len(picks), picks.get(d, 0), len(qids)), nd, p5)
    half = len(qids) // 2
    a, b = qids[:half], qids[half:]
    n1, p1, _ = held_out(results, a, b)
    n2, p2, _ = held_out(results, b, a)
    row("two folds (tuned on one half, scored on the other)", n1 + n2, p1 + p2, False)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", help="an index of ukraine.jsonl (default: build one in %s)" % WORK)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    qpath = os.path.join(SHARED, "eval", "queries.jsonl")
    if not os.path.isfile(qpath):
        sys.exit("cv.py: no judged needs at '%s' (set NEWSIDX_SHARED)" % qpath)
    indexer = os.path.join(BUILD, "indexer", "newsidx-index")
    if args.db and not os.path.isdir(args.db):
        sys.exit("cv.py: '%s' is not an index" % args.db)
    own = os.path.join(WORK, "ukraine.nx")
    if not args.db and not os.path.isdir(own) and not os.access(indexer, os.X_OK):
        sys.exit("cv.py: no '%s' to build the index with (build first, set NEWSIDX_BUILD or "
                 "pass --db)" % indexer)
    os.makedirs(WORK, exist_ok=True)
    queries = benchlib.load_queries(qpath)
    qids = sorted(q["qid"] for q in queries)
    theme_of = {q["qid"]: q.get("themes") or ["none"] for q in queries}
    db = args.db
    if not db:
        db = own
        if not os.path.isdir(db):
            subprocess.run([indexer, "--db", db, "--quiet",
                            os.path.join(SHARED, "corpus", "ukraine.jsonl")], check=True)
    cache_path = os.path.join(WORK, "grid.json")
    head = subprocess.run(["git", "-C", SRC, "describe", "--always", "--dirty"],
                          capture_output=True, text=True).stdout.strip()
    cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
    if cache.get("source") != head or cache.get("db") != os.path.abspath(db):
        cache = {"source": head, "db": os.path.abspath(db)}  # measured on other code
    points = [dict(zip([k for k, _ in GRID], vals))
              for vals in itertools.product(*[v for _, v in GRID])] + [UNTUNED]
    for i, point in enumerate(points):
        name = name_of(point)
        if all(name in cache.get(f, {}) for f in FORMS):
            continue
        print("[%d/%d] %s" % (i + 1, len(points), name), file=sys.stderr)
        exe = build(point, args.jobs)
        for form in FORMS:
            cache.setdefault(form, {})[name] = score_point(exe, db, queries, form)
        with open(cache_path, "w") as f:
            json.dump(cache, f)
    print("| form | tuning | nDCG@10 | P@5 | nDCG@10 by theme (%s) |" % " / ".join(THEMES))
    print("| --- | --- | ---: | ---: | --- |")
    for form in FORMS:
        print("\n".join(report(cache[form], qids, form, theme_of)))


if __name__ == "__main__":
    main()
