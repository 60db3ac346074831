#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Small conversions shared by eval.sh and run.py (standard library only).

  benchlib.py queries-txt QUERIES.jsonl             plain query text, one per line
  benchlib.py queries-structured QUERIES.jsonl      "S<TAB>actors<TAB>topics<TAB>text" lines
  benchlib.py queries-tsv QUERIES.jsonl plain|structured   "qid<TAB>query line" lines
  benchlib.py cli-args QUERIES.jsonl QID plain|structured  newsidx-query arguments, NUL-separated
  benchlib.py cli-to-run QID < newsidx-query --json output  eval run lines on stdout
  benchlib.py eval-table ROW...   ROW = name:score.json:latency.json (latency may be '-')
  benchlib.py lower-grades QRELS.jsonl             the same judgments, each grade one lower
"""
import json
import sys


def load_queries(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def structured_line(q):
    s = q["structured"]
    return "S\t%s\t%s\t%s" % (",".join(s["actors"]), ",".join(s["topics"]), s["text"])


def cli_args(q, form):
    if form == "plain":
        return [q["query"]]
    s = q["structured"]
    args = []
    for a in s["actors"]:
        args += ["--actor", a]
    for t in s["topics"]:
        args += ["--topic", t]
    if s["text"]:
        args.append(s["text"])
    return args


def cli_to_run(qid, lines):
    """newsidx-query --json lines (one result each) to run lines; ranks renumbered from 1."""
    rank = 0
    out = []
    for line in lines:
        if not line.strip():
            continue
        r = json.loads(line)
        if "article_id" not in r:  # a summary or header object, not a result
            continue
        rank += 1
        out.append(json.dumps({"qid": qid, "rank": rank, "article_id": r["article_id"],
                               "start": r["start"], "end": r["end"],
                               "score": r.get("score", 0)}))
    return out


def fmt(x, digits=3):
    return "-" if x is None else ("%.*f" % (digits, x))


def eval_table(rows):
    out = ["| system | nDCG@10 | P@5 | unjudged@10 | median ms | p99 ms |",
           "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        name, score_path, lat_path = row.split(":", 2)
        with open(score_path) as f:
            mean = json.load(f)["mean"]
        med = p99 = None
        if lat_path != "-":
            with open(lat_path) as f:
                lat = json.load(f)
            med, p99 = lat["median_ms"], lat["p99_ms"]
            failed = lat.get("failed", 0)
        note = " (%d queries failed)" % failed if lat_path != "-" and failed else ""
        out.append("| %s | %s | %s | %s | %s%s | %s |" % (
            name, fmt(mean["ndcg@10"]), fmt(mean["p@5"]), fmt(mean["unjudged@10"]),
            fmt(med, 2), note, fmt(p99, 2)))
    return "\n".join(out)


def main(argv):
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "queries-txt":
        for q in load_queries(argv[2]):
            print(q["query"])
    elif cmd == "queries-structured":
        for q in load_queries(argv[2]):
            print(structured_line(q))
    elif cmd == "queries-tsv":
        for q in load_queries(argv[2]):
            line = q["query"] if argv[3] == "plain" else structured_line(q)
            print("%s\t%s" % (q["qid"], line))
    elif cmd == "cli-args":
        q = [q for q in load_queries(argv[2]) if q["qid"] == argv[3]][0]
        sys.stdout.write("".join(a + "\0" for a in cli_args(q, argv[4])))
    elif cmd == "cli-to-run":
        for line in cli_to_run(argv[2], sys.stdin):
            print(line)
    elif cmd == "eval-table":
        print(eval_table(argv[2:]))
    elif cmd == "lower-grades" and len(argv) == 3:
        bad = 0
        with open(argv[2], encoding="utf-8") as f:
            lines = list(f)
        for no, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                j = json.loads(line)
                j["grade"] = max(0, int(j["grade"]) - 1)
            except (ValueError, TypeError, KeyError) as e:
                sys.stderr.write("benchlib.py: %s:%d: %s, left out\n" % (argv[2], no, e))
                bad += 1
                continue
            print(json.dumps(j, ensure_ascii=False))
        return 1 if bad else 0
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
