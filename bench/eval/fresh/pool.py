#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Pool and judge the sealed fresh needs (queries.jsonl in this folder).

Steps, run from the repository root, each reproducible from the files it names:

  pool.py runs  [--nx-build build-dev] [--nx-db /tmp/fresh-idx] [--work /tmp/fresh-pool]
      reference passages of the corpus (bench/passages.py), then the top 20 per need of four
      methods: FTS5 (bench/build/fts5: porter unicode61 remove_diacritics 2, words OR-ed,
      bm25), plain Xapian (bench/build/plain_xapian: QueryParser defaults, BM25),
      newsidx-query --json with the plain query and with the structured form (--actor,
      --topic, free text), default options.  Writes WORK/run.<method>.jsonl.
  pool.py pool  [--work DIR]
      maps every returned span to the reference passages it overlaps (score.py's rule: at
      least half of the reference passage or half of the span) and writes pool.jsonl (who
      found what, at which rank) and round1.sheet.jsonl: each need's passages shuffled
      (seeded), with a key, title, date, text and the passage before it, and nothing about
      which method found them: the sheet the judge grades blind.
  pool.py extend [--work DIR]
      after round 1 is graded (grades.txt): adds the passage before and after every passage
      graded 2 and the passage after every article lead graded 1 (the eval README's neighbour
      step, once), writes round2.sheet.jsonl with the ones not judged yet.
  pool.py final [--work DIR]
      writes qrels.jsonl and judgments.jsonl from the sheets, the pool and grades.txt, and
      prints pool sizes and grade counts per need.

  pool.py sample [--n 30]
      a blind consistency check: draws N judged passages (seeded) into recheck.sheet.jsonl
      with fresh keys (r-01 ...) and no grade; the judge grades them again into recheck.txt,
      and `final` then prints how many grades agree.

grades.txt holds the judge's grades, one "KEY GRADE" per line (KEY from a sheet); it is the
only hand-made input.  The work directory keeps the runs and the passage split (large,
regenerable); the sheets are kept in this folder so that every grade can be traced to the
text that was read.  Standard library only (and the bench programs named above).
"""
import argparse
import json
import os
import random
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import benchlib  # noqa: E402

CORPUS = "/work/shared/corpus/ukraine.jsonl"
QUERIES = os.path.join(HERE, "queries.jsonl")
DEPTH = 20
SEED = 26  # issue 26
METHODS = ["fts5", "xapian", "newsidx-plain", "newsidx-structured"]


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def cmd_runs(a):
    os.makedirs(a.work, exist_ok=True)
    w = a.work
    pas = os.path.join(w, "passages.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "passages.py"), CORPUS,
                    "-o", pas], check=True)
    b = os.path.join(ROOT, "bench", "build")
    for prog, db in (("fts5", "fts5.db"), ("plain_xapian", "xapian.db")):
        name = "fts5" if prog == "fts5" else "xapian"
        dbp = os.path.join(w, db)
        subprocess.run(["rm", "-rf", dbp], check=True)
        subprocess.run([os.path.join(b, prog), "index", dbp, pas], check=True,
                       stdout=subprocess.DEVNULL)
        with open(os.path.join(w, "run.%s.jsonl" % name), "w") as out:
            subprocess.run([os.path.join(b, prog), "run", dbp, QUERIES], check=True,
                           stdout=out)
    query = os.path.join(ROOT, a.nx_build, "query", "newsidx-query")
    for form in ("plain", "structured"):
        lines = []
        for q in load_jsonl(QUERIES):
            args = [query, "--db", a.nx_db, "--json", "-n", str(DEPTH)] + \
                benchlib.cli_args(q, form)
            r = subprocess.run(args, check=True, stdout=subprocess.PIPE, text=True)
            lines += benchlib.cli_to_run(q["qid"], r.stdout.splitlines())
        with open(os.path.join(w, "run.newsidx-%s.jsonl" % form), "w") as out:
            out.write("".join(line + "\n" for line in lines))


def load_passages(w):
    by_art = defaultdict(list)
    for p in load_jsonl(os.path.join(w, "passages.jsonl")):
        by_art[p["article_id"]].append(p)
    for ps in by_art.values():
        ps.sort(key=lambda p: p["start"])
    return by_art


def overlapping(ps, start, end):
    """Reference passages a span matches under score.py's half-overlap rule."""
    out = []
    for p in ps:
        ov = min(end, p["end"]) - max(start, p["start"])
        if ov <= 0:
            continue
        if 2 * ov >= p["end"] - p["start"] or 2 * ov >= end - start:
            out.append(p)
    return out


def pkey(p):
    return (p["article_id"], p["start"], p["end"])


def sheet_row(key, qid, p, ps):
    i = ps.index(p)
    prev = ps[i - 1]["text"] if i > 0 else ""
    return {"key": key, "qid": qid, "article_id": p["article_id"], "start": p["start"],
            "end": p["end"], "title": p["title"], "date": p["date"], "text": p["text"],
            "before": prev[-300:]}


def cmd_pool(a):
    w = a.work
    by_art = load_passages(w)
    pool = {}  # (qid, art, start, end) -> {"pooled_by": set, "ranks": {}}
    for m in METHODS:
        for r in load_jsonl(os.path.join(w, "run.%s.jsonl" % m)):
            if r["rank"] > DEPTH:
                continue
            for p in overlapping(by_art.get(r["article_id"], []), r["start"], r["end"]):
                e = pool.setdefault((r["qid"],) + pkey(p), {"pooled_by": set(), "ranks": {}})
                e["pooled_by"].add(m)
                e["ranks"].setdefault(m, r["rank"])
    rows = [{"qid": k[0], "article_id": k[1], "start": k[2], "end": k[3],
             "pooled_by": sorted(v["pooled_by"]), "ranks": v["ranks"]}
            for k, v in sorted(pool.items())]
    write_jsonl(os.path.join(HERE, "pool.jsonl"), rows)
    sheet = []
    rng = random.Random(SEED)
    for q in load_jsonl(QUERIES):
        mine = [r for r in rows if r["qid"] == q["qid"]]
        rng.shuffle(mine)
        for n, r in enumerate(mine, 1):
            ps = by_art[r["article_id"]]
            p = next(x for x in ps if pkey(x) == (r["article_id"], r["start"], r["end"]))
            sheet.append(sheet_row("%s-%03d" % (q["qid"], n), q["qid"], p, ps))
    write_jsonl(os.path.join(HERE, "round1.sheet.jsonl"), sheet)
    print("pooled %d passages for %d needs" % (len(rows), len(load_jsonl(QUERIES))))


def read_grades(name="grades.txt"):
    g = {}
    with open(os.path.join(HERE, name)) as f:
        for line in f:
            line = line.split("#")[0].strip()
            if line:
                k, v = line.split()
                g[k] = int(v)
    return g


def sheets():
    out = []
    for name in ("round1.sheet.jsonl", "round2.sheet.jsonl"):
        path = os.path.join(HERE, name)
        if os.path.exists(path):
            out += load_jsonl(path)
    return out


def cmd_extend(a):
    by_art = load_passages(a.work)
    grades = read_grades()
    rows = sheets()
    judged = {(r["qid"],) + pkey(r) for r in rows}
    missing = [r["key"] for r in rows if r["key"] not in grades]
    if missing:
        sys.exit("extend: %d passages not graded yet, e.g. %s" % (len(missing), missing[:5]))
    add = defaultdict(list)
    for r in rows:
        g = grades[r["key"]]
        ps = by_art[r["article_id"]]
        i = [pkey(p) for p in ps].index(pkey(r))
        near = []
        if g == 2:
            near = [i - 1, i + 1]
        elif g == 1 and i == 0:
            near = [1]
        for j in near:
            if 0 <= j < len(ps) and (r["qid"],) + pkey(ps[j]) not in judged:
                judged.add((r["qid"],) + pkey(ps[j]))
                add[r["qid"]].append(ps[j])
    rng = random.Random(SEED + 1)
    sheet = []
    for q in load_jsonl(QUERIES):
        n0 = sum(1 for r in rows if r["qid"] == q["qid"])
        mine = add[q["qid"]]
        rng.shuffle(mine)
        for n, p in enumerate(mine, n0 + 1):
            sheet.append(sheet_row("%s-%03d" % (q["qid"], n), q["qid"], p,
                                   by_art[p["article_id"]]))
    write_jsonl(os.path.join(HERE, "round2.sheet.jsonl"), sheet)
    print("neighbours to judge: %d" % len(sheet))


def cmd_final(a):
    grades = read_grades()
    pool = {(r["qid"], r["article_id"], r["start"], r["end"]): r
            for r in load_jsonl(os.path.join(HERE, "pool.jsonl"))}
    qrels, judg = [], []
    stats = defaultdict(lambda: [0, 0, 0, 0, 0])  # methods, neighbours, g0, g1, g2
    for r in sorted(sheets(), key=lambda r: (r["qid"], r["article_id"], r["start"])):
        if r["key"] not in grades:
            sys.exit("final: %s not graded" % r["key"])
        g = grades[r["key"]]
        k = (r["qid"], r["article_id"], r["start"], r["end"])
        e = pool.get(k)
        qrels.append({"qid": r["qid"], "article_id": r["article_id"], "start": r["start"],
                      "end": r["end"], "grade": g})
        judg.append({"qid": r["qid"], "article_id": r["article_id"], "start": r["start"],
                     "end": r["end"], "grade": g,
                     "pooled_by": e["pooled_by"] if e else "neighbour",
                     "ranks": e["ranks"] if e else {}, "title": r["title"],
                     "date": r["date"], "excerpt": r["text"]})
        s = stats[r["qid"]]
        s[0 if e else 1] += 1
        s[2 + g] += 1
    write_jsonl(os.path.join(HERE, "qrels.jsonl"), qrels)
    write_jsonl(os.path.join(HERE, "judgments.jsonl"), judg)
    print("| need | pooled by methods | neighbours | judged | grade 0 | grade 1 | grade 2 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    tot = [0] * 5
    for qid in sorted(stats):
        s = stats[qid]
        tot = [x + y for x, y in zip(tot, s)]
        print("| %s | %d | %d | %d | %d | %d | %d |" % (qid, s[0], s[1], s[0] + s[1], *s[2:]))
    print("| all | %d | %d | %d | %d | %d | %d |" % (tot[0], tot[1], tot[0] + tot[1], *tot[2:]))
    if os.path.exists(os.path.join(HERE, "recheck.txt")):
        again = read_grades("recheck.txt")
        by_pos = {(r["qid"],) + pkey(r): grades[r["key"]] for r in sheets()}
        rows = load_jsonl(os.path.join(HERE, "recheck.sheet.jsonl"))
        same = sum(1 for r in rows if again[r["key"]] == by_pos[(r["qid"],) + pkey(r)])
        print("blind re-judgment: %d of %d grades the same" % (same, len(rows)))


def cmd_sample(a):
    rows = sheets()
    rng = random.Random(SEED + 2)
    pick = rng.sample(rows, a.n)
    out = []
    for n, r in enumerate(pick, 1):
        r = dict(r)
        r["key"] = "r-%02d" % n
        out.append(r)
    write_jsonl(os.path.join(HERE, "recheck.sheet.jsonl"), out)
    print("recheck sheet: %d passages" % len(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("step", choices=["runs", "pool", "extend", "final", "sample"])
    ap.add_argument("--n", type=int, default=30, help="sample: passages to judge again")
    ap.add_argument("--work", default="/tmp/fresh-pool", help="runs and passage split")
    ap.add_argument("--nx-build", default="build-dev", help="newsidx build, from the root")
    ap.add_argument("--nx-db", default="/tmp/fresh-idx", help="newsidx index of the corpus")
    a = ap.parse_args()
    steps = {"runs": cmd_runs, "pool": cmd_pool, "extend": cmd_extend, "final": cmd_final,
             "sample": cmd_sample}
    steps[a.step](a)


if __name__ == "__main__":
    main()
