#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Which ranking components earn their place? An ablation over shared/eval (standard library).

For every component of the ranking (docs/ranking.md) it scores the judged needs with the
component removed, and for every tuned constant with its value chosen held out, then writes
bench/results/ablation.md:

  * a switch (feedback, article context, coordination, ...) is turned off; nothing is chosen,
    so its leave-one-query-out (LOO) estimate is simply the mean over the needs;
  * a constant with a grid is chosen per held-out need: the grid value with the best mean
    nDCG@10 on the other needs ranks it (ties go to the shipped value); the mean over the held-
    out needs is the LOO estimate of tuning that constant (the others at their defaults);
  * the shipped defaults, as they are, for reference.

Each figure is given for the plain query and the structured form (--actor/--topic + text), as
nDCG@10, P@5 and unjudged@10 (shared/eval/score.py --json), overall and per theme (actors,
ceasefire, nato, energy, none: the needs without a theme).

  bench/ablation.py [--jobs N] [--out FILE]   (about 40 points, a few minutes on two cores)
  bench/ablation.py --defaults                 (the shipped defaults only)
  bench/ablation.py --only 'COORD|depth'       (only the rows whose label matches; prints)
  bench/ablation.py --joint NX_COORD_BOOST=0.25/0.5 --joint NX_CONTEXT_WEIGHT=0.6/1.2
      (one choice for both forms, as a default is one value for both: the grid point with the
       best mean nDCG@10 of the two forms on the other needs ranks each held-out need in both;
       prints LOO and in-sample figures; several --joint give their product)

How: one Release build of this tree (results/tmp/ablation/base) indexes ukraine.jsonl once and
runs every point. A point's constants are compile-time -D overrides (as bench/cv.py uses): only
the library sources that mention one of them are compiled again with the -D flags, into the
point's own libnewsidx.so.0, which the base newsidx-query loads (LD_LIBRARY_PATH). Runs are
cached by point and by a hash of the sources, so a second run only scores what changed.
"""
import argparse
import hashlib
import itertools
import json
import os
import re
import shlex
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
SHARED = os.environ.get("NEWSIDX_SHARED", os.path.join(SRC, "..", "shared"))
WORK = os.path.join(HERE, "results", "tmp", "ablation")
BASE = os.path.join(WORK, "base")
sys.path.insert(0, HERE)
import benchlib  # noqa: E402

FORMS = ("plain", "structured")
THEMES = ("actors", "ceasefire", "nato", "energy", "none")

# The shipped values of the constants (lib/query/search.c, qwords.c, qwords.h, rank.cc). A point names only what it changes.
DEFAULTS = {"NX_BM25_K1": 0.8, "NX_BM25_B": 0.75, "NX_BM25_MIN_NORMLEN": 0.5,
            "NX_FEEDBACK_DOCS": 10, "NX_FEEDBACK_TERMS": 10, "NX_FEEDBACK_WEIGHT": 0.3,
            "NX_FEEDBACK_POOL": 20, "NX_POOL_TIES": 5, "NX_CONTEXT_WEIGHT": 0.6,
            "NX_COORD_BOOST": 0.5, "NX_ACTOR_NEAR_BOOST": 0.5, "NX_REMARKS_WEIGHT": 1.0,
            "NX_SPEAKER_WEIGHT": 0.5, "NX_PROXIMITY_WEIGHT": 0.25, "NX_PROXIMITY_DECAY": 2.0,
            "NX_LENGTH_PRIOR": 1.0}

# Components removed: (label, -D overrides, extra newsidx-query arguments). Those the ablation
# of 2026-12-07 removed from the code (topics named beside an actor, the --actor/--topic NEAR,
# the continuation of short passages) are gone from here too: bench/results/ablation.md keeps
# their rows as measured before.
SWITCHES = [
    ("pseudo-relevance feedback (--no-feedback)", {}, ["--no-feedback"]),
    ("article context", {"NX_CONTEXT_WEIGHT": 0}, []),
    ("re-ranking pool (feedback and context)", {"NX_FEEDBACK_POOL": 0}, []),
    ("pool ties", {"NX_POOL_TIES": 0}, []),
    ("coordination", {"NX_COORD_BOOST": 0}, []),
    ("actors in one sentence (NEAR)", {"NX_ACTOR_NEAR_BOOST": 0}, []),
    ("remarks boost", {"NX_REMARKS_WEIGHT": 0}, []),
    ("speaker turns (XS)", {"NX_SPEAKER_WEIGHT": 0}, []),
    ("proximity", {"NX_PROXIMITY_WEIGHT": 0}, []),
]
# Passages per article (--per-article; the eval's 3 is the reference row): each a variant too.
DEPTHS = [1, 2]
# Constants chosen held out, each over its grid (the shipped value included).
GRIDS = [
    ("NX_BM25_K1", [0.5, 0.8, 1.2, 2.0]),
    ("NX_BM25_B", [0.35, 0.5, 0.75, 1.0]),
    ("NX_BM25_MIN_NORMLEN", [0, 0.3, 0.5, 0.8]),
    ("NX_FEEDBACK_DOCS", [5, 10, 20]),
    ("NX_FEEDBACK_TERMS", [5, 10, 20]),
    ("NX_FEEDBACK_WEIGHT", [0.15, 0.3, 0.6]),
    ("NX_FEEDBACK_POOL", [10, 20, 40]),
    ("NX_CONTEXT_WEIGHT", [0.3, 0.6, 1.2]),
    ("NX_COORD_BOOST", [0.25, 0.5, 1.0]),
    ("NX_ACTOR_NEAR_BOOST", [0.25, 0.5, 1.0]),
    ("NX_REMARKS_WEIGHT", [0.5, 1.0, 2.0]),
    ("NX_SPEAKER_WEIGHT", [0.25, 0.5, 1.0]),
    ("NX_PROXIMITY_WEIGHT", [0.1, 0.15, 0.25, 0.35, 0.5]),
    ("NX_PROXIMITY_DECAY", [0, 1, 2]),
]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def source_hash():
    """Everything a query's ranking depends on: the library, the CLI and the build files."""
    h = hashlib.sha256()
    for top in ("lib", "query", "cli", "include", "cmake", "CMakeLists.txt"):
        p = os.path.join(SRC, top)
        files = [p] if os.path.isfile(p) else sorted(
            os.path.join(d, f) for d, _, fs in os.walk(p) for f in fs)
        for f in files:
            h.update(f[len(SRC):].encode())
            with open(f, "rb") as fh:
                h.update(fh.read())
    return h.hexdigest()[:16]


def build_base(jobs):
    if not os.path.exists(os.path.join(BASE, "CMakeCache.txt")):
        run(["cmake", "-S", SRC, "-B", BASE, "-DCMAKE_BUILD_TYPE=Release", "-DBUILD_TESTING=OFF",
             "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON"], stdout=subprocess.DEVNULL)
    run(["cmake", "--build", BASE, "-j%d" % jobs, "--target", "newsidx-query", "newsidx-index"],
        stdout=subprocess.DEVNULL)


def includes(path, seen):
    """The text of `path` and of the project headers it includes, transitively."""
    if path in seen or not os.path.isfile(path):
        return ""
    seen.add(path)
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    out = [text]
    for inc in re.findall(r'^#include "([^"]+)"', text, re.M):
        for d in (os.path.dirname(path), os.path.join(SRC, "lib"), os.path.join(SRC, "include")):
            if os.path.isfile(os.path.join(d, inc)):
                out.append(includes(os.path.join(d, inc), seen))
                break
    return "\n".join(out)


def point_name(over):
    return ",".join("%s=%g" % (k[3:].lower(), v) for k, v in sorted(over.items())) or "defaults"


def build_point(over, tag, jobs):
    """The directory holding libnewsidx.so.0 for the -D overrides `over` ({} -> the base)."""
    if not over:
        return os.path.join(BASE, "lib")
    d = os.path.join(WORK, "points", point_name(over).replace(",", "_").replace("=", "-"))
    flags = ["-D%s=%r" % (k, v if isinstance(v, int) else float(v))
             for k, v in sorted(over.items())]
    stamp = os.path.join(d, "stamp")
    if os.path.exists(stamp) and open(stamp).read() == tag + " ".join(flags):
        return d
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(BASE, "compile_commands.json")) as f:
        commands = [c for c in json.load(f) if "/newsidx_objects.dir/" in c["command"]]
    libdir = os.path.join(BASE, "lib")
    replaced = {}
    todo = []
    for c in commands:
        if not any(k in includes(c["file"], set()) for k in over):
            continue
        argv = shlex.split(c["command"])
        obj = argv[argv.index("-o") + 1]
        mine = os.path.join(d, "obj", obj.replace("/", "_"))
        argv[argv.index("-o") + 1] = mine
        argv[1:1] = flags
        replaced[obj] = mine
        todo.append(argv)
    os.makedirs(os.path.join(d, "obj"), exist_ok=True)
    running = []
    for argv in todo + [None] * jobs:
        if argv:
            running.append(subprocess.Popen(argv, cwd=libdir))
        if len(running) >= jobs or (argv is None and running):
            p = running.pop(0)
            if p.wait() != 0:
                sys.exit("ablation.py: compiling with %s failed" % " ".join(flags))
    with open(os.path.join(libdir, "CMakeFiles", "newsidx.dir", "link.txt")) as f:
        link = shlex.split(f.read().strip().splitlines()[0])
    link = [replaced.get(a, a) for a in link]
    link[link.index("-o") + 1] = os.path.join(d, "libnewsidx.so.0")
    run(link, cwd=libdir)
    with open(stamp, "w") as f:
        f.write(tag + " ".join(flags))
    return d


def score(libdir, args, db, queries, form):
    """{qid: [nDCG@10, P@5, unjudged@10]} of one point and form."""
    exe = os.path.join(BASE, "query", "newsidx-query")
    env = dict(os.environ, LD_LIBRARY_PATH=libdir)
    lines = []
    for q in queries:
        r = run([exe, "--db", db, "--json", "-n", "100", "--per-article", "3"] + args +
                benchlib.cli_args(q, form), capture_output=True, text=True, env=env)
        lines += benchlib.cli_to_run(q["qid"], r.stdout.splitlines())
    path = os.path.join(WORK, "run.jsonl")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    out = run([sys.executable, os.path.join(SHARED, "eval", "score.py"), path, "--json"],
              capture_output=True, text=True).stdout
    return {qid: [v["ndcg@10"], v["p@5"], v["unjudged@10"]]
            for qid, v in json.loads(out)["per_query"].items()}


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def loo(per_value, qids, default):
    """Leave-one-query-out over a grid: {held-out qid: (value chosen, its [nDCG, P@5, unj])}."""
    out = {}
    for q in qids:
        rest = [x for x in qids if x != q]
        best = max(per_value, key=lambda v: (round(mean([per_value[v][x][0] for x in rest]), 9),
                                             v == default, -abs(v - default)))
        out[q] = (best, per_value[best][q])
    return out


def summary(per_need, qids, theme_of):
    """[(metric means overall), then nDCG@10 per theme] for per_need {qid: [n, p, u]}."""
    cols = [mean([per_need[q][i] for q in qids]) for i in range(3)]
    for t in THEMES:
        cols.append(mean([per_need[q][0] for q in qids if t in theme_of[q]]))
    return cols


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "ablation.md"))
    ap.add_argument("--defaults", action="store_true",
                    help="only the shipped defaults (a quick check; prints, writes nothing)")
    ap.add_argument("--only", metavar="REGEX",
                    help="only the rows whose label matches (prints, writes nothing)")
    ap.add_argument("--joint", action="append", metavar="NAME=V1/V2...",
                    help="choose these constants jointly for both forms (prints)")
    args = ap.parse_args()
    qpath = os.path.join(SHARED, "eval", "queries.jsonl")
    if not os.path.isfile(qpath):
        sys.exit("ablation.py: no judged needs at '%s' (set NEWSIDX_SHARED)" % qpath)
    queries = benchlib.load_queries(qpath)
    qids = sorted(q["qid"] for q in queries)
    theme_of = {q["qid"]: q.get("themes") or ["none"] for q in queries}
    os.makedirs(WORK, exist_ok=True)
    build_base(args.jobs)
    db = os.path.join(WORK, "ukraine.nx")
    if not os.path.isdir(db):
        run([os.path.join(BASE, "indexer", "newsidx-index"), "--db", db, "--quiet",
             os.path.join(SHARED, "corpus", "ukraine.jsonl")])
    tag = source_hash()
    cache_path = os.path.join(WORK, "runs.json")
    cache = json.load(open(cache_path)) if os.path.exists(cache_path) else {}
    if cache.get("source") != tag:
        cache = {"source": tag}  # measured on other code

    def scored(over, extra):
        over = {k: v for k, v in over.items() if DEFAULTS[k] != v}
        key = point_name(over) + "".join(" " + a for a in extra)
        if key not in cache:
            print("ablation: %s" % key, file=sys.stderr)
            lib = build_point(over, tag, args.jobs)
            cache[key] = {f: score(lib, extra, db, queries, f) for f in FORMS}
            with open(cache_path, "w") as f:
                json.dump(cache, f)
        return cache[key]

    rows = [("shipped defaults", "-", scored({}, []))]
    if args.joint:
        print(joint(args.joint, scored, rows[0], qids, theme_of, tag, queries))
        return
    if args.defaults:
        print(table(rows, qids, theme_of, tag, queries))
        return
    wanted = (lambda label: re.search(args.only, label)) if args.only else (lambda label: True)
    for label, over, extra in SWITCHES:
        if wanted("without " + label):
            rows.append(("without " + label, "-", scored(over, extra)))
    for depth in DEPTHS:
        label = "depth: --per-article %d (not 3)" % depth
        if wanted(label):
            rows.append((label, "-", scored({}, ["--per-article", str(depth)])))
    for name, grid in GRIDS:
        if not wanted(name):
            continue
        per_value = {v: scored({name: v}, []) for v in grid}
        res, picks = {}, {}
        for form in FORMS:
            chosen = loo({v: per_value[v][form] for v in grid}, qids, DEFAULTS[name])
            res[form] = {q: chosen[q][1] for q in qids}
            picks[form] = [chosen[q][0] for q in qids]
        note = "; ".join("%s %s" % (f[0], ", ".join(
            "%g x%d" % (v, picks[f].count(v)) for v in grid if picks[f].count(v)))
            for f in FORMS)
        rows.append(("%s chosen held out from %s" % (name, "/".join("%g" % v for v in grid)),
                     note, res))
    if args.only:
        print(table(rows, qids, theme_of, tag, queries))
        return
    with open(args.out, "w") as f:
        f.write(table(rows, qids, theme_of, tag, queries))
    print(open(args.out).read())


def joint(specs, scored, base, qids, theme_of, tag, queries):
    """Constants chosen together and for both forms at once, held out and in-sample."""
    names = [x.split("=")[0] for x in specs]
    grids = [[float(v) for v in x.split("=")[1].split("/")] for x in specs]
    points = [dict(zip(names, vals)) for vals in itertools.product(*grids)]
    res = {i: scored(p, []) for i, p in enumerate(points)}

    def both(i, qs):
        return round(mean([res[i][f][q][0] for f in FORMS for q in qs]), 9)

    def changed(i):
        return sum(points[i][k] != DEFAULTS[k] for k in names)

    def pick(qs):
        return max(res, key=lambda i: (both(i, qs), -changed(i)))

    held, picks = {f: {} for f in FORMS}, {}
    for q in qids:
        i = pick([x for x in qids if x != q])
        picks[i] = picks.get(i, 0) + 1
        for f in FORMS:
            held[f][q] = res[i][f][q]
    best = pick(qids)
    label = lambda i: point_name(points[i])
    note = ", ".join("%s x%d" % (label(i), n) for i, n in sorted(picks.items()))
    rows = [base, ("jointly held out (%s)" % " x ".join(specs), note, held),
            ("in-sample best (%s)" % label(best), "-", res[best])]
    rows += [("point %s" % label(i), "-", res[i]) for i in res if i != best]
    return table(rows, qids, theme_of, tag, queries)


def table(rows, qids, theme_of, tag, queries):
    counts = {t: sum(t in theme_of[q] for q in qids) for t in THEMES}
    out = ["# Ranking ablation (bench/ablation.py)", "",
           "%d needs of shared/eval (%s); sources %s. Leave-one-query-out (LOO) nDCG@10, P@5 and "
           "unjudged@10, then LOO nDCG@10 per theme (needs: %s). A removed component chooses "
           "nothing, so its LOO figure is its mean; a constant is chosen per held-out need on "
           "the others (picks: p plain, s structured, value x needs)." %
           (len(qids), "%s-%s" % (qids[0], qids[-1]), tag,
            ", ".join("%s %d" % (t, counts[t]) for t in THEMES)), ""]
    for form in FORMS:
        base = summary(rows[0][2][form], qids, theme_of)
        out += ["## %s" % form, "",
                "| variant | nDCG@10 | P@5 | unj@10 | " + " | ".join(THEMES) + " | picks |",
                "| --- |" + " ---: |" * (3 + len(THEMES)) + " --- |"]
        for label, note, res in rows:
            cols = summary(res[form], qids, theme_of)
            cells = ["%.3f" % cols[0], "%.3f" % cols[1], "%.3f" % cols[2]]
            for i in range(3, len(cols)):
                d = cols[i] - base[i]
                cells.append("%.3f" % cols[i] if res is rows[0][2] else
                             "%.3f (%+.3f)" % (cols[i], d))
            if res is not rows[0][2]:
                cells[0] = "%.3f (%+.3f)" % (cols[0], cols[0] - base[0])
            out.append("| %s | %s | %s |" % (label, " | ".join(cells), note))
        out.append("")
    out += ["Per need, nDCG@10 (plain / structured), defaults:", "",
            " ".join("%s %.2f/%.2f" % (q, rows[0][2]["plain"][q][0],
                                        rows[0][2]["structured"][q][0]) for q in qids), ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
