#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A linear model over per-passage features, fitted by coordinate ascent across folds of needs.

The re-ranking pool (lib/query/rank.cc: the 20 best matches of the query, docs/ranking.md) is
re-ordered by  score = sum_i w_i * f_i  over features each pooled passage has:

  words     BM25 of the query's words (Z terms) in the passage
  actor     BM25 of the actors asked for (XA terms)
  topic     BM25 of the topics asked for (XT terms)
  speaker   the actor's transcript turns (XS, at their query scale)
  remarks   the actor's own words (XR, the remarks boost)
  structure what the query's structure adds: coordination, actors in one sentence
  feedback  pseudo-relevance feedback (the expansion stems' BM25, at NX_FEEDBACK_WEIGHT)
  context   article context (the query's terms in the article's other passages, at
            NX_CONTEXT_WEIGHT)
  proximity the query's terms close in one sentence (at NX_PROXIMITY_WEIGHT)
  title     the share of the query's word stems that begin a word of the article's title
  length    log(min(words, 100)): a length prior (words of the passage)
  position  log(1 + the passage's byte offset / 1000): where in the article it sits
  cover     the idf-weighted share of the query's words, actors and topics the passage holds
            (the query's terms: those any of its 30 hits matched)
  sentence  the idf-weighted share of the query's words that its best sentence holds

The first nine are the parts of the shipped score as `--explain` prints them, so the shipped
ranking is the point w = 1 for those and 0 for the rest. The pool is the first 20 hits that
newsidx-query returns (after collapsing; the engine's pool is the 20 best matches before near
copies are collapsed, plus ties); the hits below it keep their order, as in the engine.

  bench/ltr.py dump [--db INDEX]     runs every need in both forms with --explain (the first
                                     30 hits, --per-article 3, as eval.sh) and writes their
                                     features to bench/results/ltr-features.jsonl
  bench/ltr.py fit [--forms plain,structured] [--features a,b,...] [--norm] [--min-gain G]
                                     leave-one-query-out (weights fitted on the other needs by
                                     coordinate ascent, as RankLib does; the objective the
                                     mean nDCG@10 over the needs in the chosen forms) and the
                                     in-sample fit on all needs, both forms scored, per theme;
                                     --features: the weights to fit (the others as shipped)

  bench/ltr.py report                the variants of docs/ranking.md, to bench/results/ltr.md
Standard library only; needs shared/eval and, for dump, a build (NEWSIDX_BUILD).
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(HERE)
SHARED = os.environ.get("NEWSIDX_SHARED", os.path.join(SRC, "..", "shared"))
BUILD = os.environ.get("NEWSIDX_BUILD", os.path.join(SRC, "build"))
DATA = os.path.join(HERE, "results", "ltr-features.jsonl")
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(SHARED, "eval"))
import benchlib  # noqa: E402

FEATURES = ("words", "actor", "topic", "speaker", "remarks", "structure", "feedback", "context",
            "proximity", "title", "length", "position", "cover", "sentence")  # the dump's order
SHIPPED = {f: 1.0 for f in FEATURES[:9]}
POOL = 20
FORMS = ("plain", "structured")
THEMES = ("actors", "ceasefire", "nato", "energy", "none")
TERM = re.compile(r"^(feedback )?([A-Z]+)(\S*): weight (-?[0-9.]+) \(wdf \d+, in (\d+) of (\d+)")
PART = re.compile(r"^(query structure|article context|proximity|length prior): ([-+][0-9.]+)")
WORD = re.compile(r"\w+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
KIND = {"Z": "words", "XA": "actor", "XT": "topic", "XS": "speaker", "XR": "remarks"}


def parts(explain):
    """The --explain lines of a hit: [(kind, term, weight, n)] and {part: weight}."""
    terms, other = [], {}
    for line in explain.split("\n")[1:]:
        m = TERM.match(line)
        if m:
            kind = "feedback" if m.group(1) else KIND.get(m.group(2), "words")
            terms.append((kind, m.group(2) + m.group(3), float(m.group(4)), int(m.group(5)),
                          int(m.group(6))))
            continue
        m = PART.match(line)
        if m:
            other[m.group(1)] = other.get(m.group(1), 0) + float(m.group(2))
    return terms, other


def features(hit, query_terms):
    """The features of a hit (a line of the dump); query_terms: {term: idf} of the query's
    words, actors and topics (those any hit of the need matched)."""
    f = dict.fromkeys(FEATURES, 0.0)
    terms, other = parts(hit["explain"])
    for kind, _, w, _, _ in terms:
        f[kind] += w
    f["structure"] = other.get("query structure", 0) + other.get("length prior", 0)
    f["context"] = other.get("article context", 0)
    f["proximity"] = other.get("proximity", 0)
    title = [w.lower() for w in WORD.findall(hit["title"])]
    stems = [t[1:] for t in query_terms if t.startswith("Z")]
    if stems:
        f["title"] = sum(any(w.startswith(s) for w in title) for s in stems) / len(stems)
    f["length"] = math.log(max(1, min(hit["words"], 100)))
    f["position"] = math.log(1 + hit["start"] / 1000)
    held = {t for k, t, _, _, _ in terms if k in ("words", "actor", "topic")}
    total = sum(query_terms.values())
    if total > 0:
        f["cover"] = sum(v for t, v in query_terms.items() if t in held) / total
    words = {t[1:]: v for t, v in query_terms.items() if t.startswith("Z")}
    if words:
        best = 0
        for s in SENTENCE.split(hit["passage"]):
            toks = [w.lower() for w in WORD.findall(s)]
            best = max(best, sum(v for st, v in words.items()
                                 if any(w.startswith(st) for w in toks)))
        f["sentence"] = best / sum(words.values())
    return f


def dump(args):
    """Writes each need's hits in both forms with their features (no text of the corpus)."""
    exe = os.path.join(BUILD, "query", "newsidx-query")
    if not os.access(exe, os.X_OK):
        sys.exit("ltr.py: no '%s' (build first or set NEWSIDX_BUILD)" % exe)
    if not os.path.isdir(args.db):
        sys.exit("ltr.py: '%s' is not an index (bench/eval.sh builds one there, or --db)" %
                 args.db)
    queries = benchlib.load_queries(os.path.join(SHARED, "eval", "queries.jsonl"))
    with open(DATA, "w") as out:
        for q in queries:
            for form in FORMS:
                r = subprocess.run([exe, "--db", args.db, "--json", "--explain", "-n", "30",
                                    "--per-article", "3"] + benchlib.cli_args(q, form),
                                   capture_output=True, text=True, check=True)
                hits = [h for h in map(json.loads, r.stdout.splitlines())
                        if h.get("type") == "result"]
                idf = {}  # the query's words, actors and topics that a hit matched
                for h in hits:
                    for kind, t, _, n, docs in parts(h["explain"])[0]:
                        if kind in ("words", "actor", "topic"):
                            idf[t] = math.log((docs - n + 0.5) / (n + 0.5))
                rows = []
                for h in hits:
                    h["words"] = len(h["passage"].split())
                    rows.append({"article_id": h["article_id"], "start": h["start"],
                                 "end": h["end"],
                                 "f": [round(v, 4) for v in features(h, idf).values()]})
                out.write(json.dumps({"qid": q["qid"], "form": form,
                                      "themes": q.get("themes") or ["none"],
                                      "hits": rows}) + "\n")


def load():
    if not os.path.isfile(os.path.join(SHARED, "eval", "score.py")):
        sys.exit("ltr.py: no judged needs at '%s' (set NEWSIDX_SHARED)" % SHARED)
    if not os.path.isfile(DATA):
        sys.exit("ltr.py: no '%s' (bench/ltr.py dump writes it)" % DATA)
    import score  # shared/eval/score.py
    qrels = score.read_qrels(os.path.join(SHARED, "eval", "qrels.jsonl"))
    runs = {}
    with open(DATA) as f:
        for line in f:
            r = json.loads(line)
            for h in r["hits"]:
                h["f"] = dict(zip(FEATURES, h["f"]))
            runs[(r["qid"], r["form"])] = r
    return score, qrels, runs


def rerank(hits, w):
    pool = sorted(hits[:POOL], key=lambda h: -sum(w.get(k, 0) * v for k, v in h["f"].items()))
    return pool + hits[POOL:]


def evaluate(score, qrels, runs, w, qids, forms):
    """{(qid, form): (nDCG@10, P@5)}"""
    out = {}
    for qid in qids:
        for form in forms:
            m, _ = score.score_query(qrels[qid], rerank(runs[(qid, form)]["hits"], w))
            out[(qid, form)] = (m["ndcg@10"], m["p@5"])
    return out


def objective(res):
    return sum(v[0] for v in res.values()) / len(res)


def ascend(score, qrels, runs, qids, forms, names, start, min_gain=1e-9):
    """Coordinate ascent (RankLib's, without restarts): for one feature at a time, steps of
    +-0.1 to +-2 tried in turn, each kept when it raises the training objective by more than
    min_gain; up to four passes over the features; `words` stays at 1 (the scale)."""
    w = dict(start)
    best = objective(evaluate(score, qrels, runs, w, qids, forms))
    for _ in range(4):
        moved = False
        for k in names:
            if k == "words":
                continue
            for step in (2, 1, 0.5, 0.25, 0.1, -0.1, -0.25, -0.5, -1, -2):
                trial = dict(w)
                trial[k] = round(w.get(k, 0) + step, 4)
                if trial[k] < 0:
                    continue
                o = objective(evaluate(score, qrels, runs, trial, qids, forms))
                if o > best + min_gain:
                    best, w, moved = o, trial, True
        if not moved:
            break
    return w, best


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


def table(label, res, qids, theme_of, forms):
    rows = []
    for form in forms:
        nd = [res[(q, form)][0] for q in qids]
        p5 = [res[(q, form)][1] for q in qids]
        th = " | ".join("%.3f" % mean([n for n, q in zip(nd, qids) if t in theme_of[q]])
                        for t in THEMES)
        rows.append("| %s | %s | %.3f | %.3f | %s |" % (form, label, mean(nd), mean(p5), th))
    return rows


def normalise(runs):
    """Each feature divided by its largest value in the need's pool (RankLib's -norm linear,
    per query), so that one weight means the same for a need with long and short words."""
    scale = {}
    for r in runs.values():
        pool = r["hits"][:POOL]
        for k in FEATURES:
            top = max((abs(h["f"][k]) for h in pool), default=0)
            for h in r["hits"]:
                h["f"][k] = h["f"][k] / top if top > 0 else 0.0
            scale.setdefault(k, []).append(top)
    return {k: mean(v) for k, v in scale.items()}


def fit(forms="plain,structured", features=None, norm=False, min_gain=1e-9):
    """Markdown rows (the starting point, in-sample, leave-one-query-out; both forms) and the
    weights fitted on all needs."""
    score, qrels, runs = load()
    shipped = SHIPPED
    if norm:  # the shipped ranking is no point of the normalised space: start near it
        scale = normalise(runs)
        shipped = {k: round(v * scale[k], 2) for k, v in SHIPPED.items()}
        shipped = {k: round(v / shipped["words"], 3) for k, v in shipped.items()}
    names = features.split(",") if features else list(FEATURES)
    forms = forms.split(",")
    qids = sorted({q for q, _ in runs if q in qrels})
    theme_of = {q: runs[(q, "plain")]["themes"] for q in qids}
    start = {k: shipped.get(k, 0.0) for k in FEATURES}  # those not in names stay as shipped
    rows = table("shipped" if not norm else "start (shipped, rescaled)",
                 evaluate(score, qrels, runs, shipped, qids, FORMS), qids, theme_of, FORMS)
    w_all, _ = ascend(score, qrels, runs, qids, forms, names, start, min_gain)
    rows += table("in-sample fit", evaluate(score, qrels, runs, w_all, qids, FORMS), qids,
                  theme_of, FORMS)
    loo = {}
    for q in qids:
        w, _ = ascend(score, qrels, runs, [x for x in qids if x != q], forms, names, start,
                      min_gain)
        loo.update(evaluate(score, qrels, runs, w, [q], FORMS))
    rows += table("leave-one-query-out", loo, qids, theme_of, FORMS)
    return rows, {k: round(v, 3) for k, v in w_all.items()}


HEAD = ["| form | model | nDCG@10 | P@5 | %s |" % " | ".join(THEMES),
        "| --- | --- | ---: | ---: |%s" % (" ---: |" * len(THEMES))]

# The variants bench/results/ltr.md reports: (what, fit's arguments).
VARIANTS = [
    ("all features, objective both forms", {}),
    ("all features, objective plain only", {"forms": "plain"}),
    ("shipped parts fixed; title, length, position, cover fitted",
     {"features": "title,length,position,cover"}),
    ("all features, a step must gain 0.002 (one rank of one need)", {"min_gain": 0.002}),
    ("all features divided by their largest in the pool", {"norm": True}),
    ("shipped parts fixed; sentence fitted", {"features": "sentence"}),
    ("shipped parts fixed; sentence, cover, title fitted", {"features": "sentence,cover,title"}),
]


def best_order(score, judged, hits, n):
    """The first n hits in the order the judgments reward most (each next the one that earns
    the most of what is not yet credited), the rest as they were: an upper bound of any
    re-ranking of the first n."""
    left, out, credited = list(hits[:n]), [], set()

    def gain(h):
        return max((j["grade"] for i, j in enumerate(judged)
                    if i not in credited and score.matches(h, j)), default=0)
    while left:
        h = max(left, key=gain)
        left.remove(h)
        out.append(h)
        credited.update(i for i, j in enumerate(judged) if score.matches(h, j))
    return out + list(hits[n:])


def report():
    out = ["# A linear model over the pool's features (bench/ltr.py report)", "",
           "d01-d28 of shared/eval, default options, `--per-article 3`, copies collapsed; "
           "nDCG@10 per theme. Features: bench/results/ltr-features.jsonl.", ""]
    for what, kw in VARIANTS:
        print(what, file=sys.stderr)
        rows, w = fit(**kw)
        out += ["## " + what, ""] + HEAD + rows + ["", "Weights fitted on all 28 needs: `%s`" %
                                                   json.dumps(w), ""]
    score, qrels, runs = load()
    qids = sorted({q for q, _ in runs if q in qrels})
    out += ["## The bound: the best order of the pool the judgments allow", "",
            "| first n re-ordered | plain | structured |", "| ---: | ---: | ---: |"]
    for n in (10, POOL):
        out.append("| %d | %s |" % (n, " | ".join(
            "%.3f" % mean([score.score_query(qrels[q], best_order(
                score, qrels[q], runs[(q, form)]["hits"], n))[0]["ndcg@10"] for q in qids])
            for form in FORMS)))
    out.append("")
    with open(os.path.join(HERE, "results", "ltr.md"), "w") as f:
        f.write("\n".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("--db", default=os.path.join(HERE, "results", "tmp", "eval", "newsidx.nx"))
    f = sub.add_parser("fit")
    f.add_argument("--forms", default="plain,structured")
    f.add_argument("--features")
    f.add_argument("--norm", action="store_true",
                   help="features divided by their largest value in the need's pool")
    f.add_argument("--min-gain", type=float, default=1e-9,
                   help="the least rise of the objective a step must bring (default: any)")
    sub.add_parser("report")
    args = ap.parse_args()
    if args.cmd == "dump":
        dump(args)
    elif args.cmd == "fit":
        rows, w = fit(args.forms, args.features, args.norm, args.min_gain)
        print("\n".join(HEAD + rows) + "\n\nweights fitted on all needs: " + json.dumps(w))
    else:
        report()


if __name__ == "__main__":
    main()
