#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""How far can our reading of unjudged passages be trusted? (standard library only)

bench/eval/unjudged-read.jsonl holds our grades of passages that newsidx returned and the
maintainers' pool never judged; eval.sh scores the runs with them as a second figure. This
script checks that reading against the official judge: it draws passages that *are* judged
from a run's top 10, prints them without their grades for a blind reading, and then compares
the grades given with the official ones.

  bench/readcheck.py sample RUN.jsonl N SEED KEY.jsonl > blind.txt
      N judged passages of RUN's top 10 (seeded), their text for reading in blind.txt (need,
      query, title, date, the judged passage), their ids, offsets and official grade in KEY.
  bench/readcheck.py agree READ.jsonl
      READ: lines {"qid", "article_id", "start", "end", "grade"} graded blind; prints how
      many agree with the official grade, and how many were read higher or lower.

A line that is not a JSON object with the fields needed (or, for agree, names a passage that
is not judged) is reported with its file and line and left out; the run then exits 1.
Paths to the shared data follow eval.sh: $NEWSIDX_SHARED, else ../../shared from here.
"""
import collections
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("NEWSIDX_SHARED", os.path.join(HERE, "..", "..", "shared"))


SPAN = ("qid", "article_id", "start", "end")
BAD = []  # "path:line: what" for each line left out; main() then exits 1


def jsonl(path, keys):
    """The JSON objects of a JSON Lines file that hold `keys`; a line that is not such an
    object is reported with its file and line, left out, and makes the run fail."""
    try:
        with open(path, encoding="utf-8") as f:
            lines = list(f)
    except (OSError, UnicodeDecodeError) as e:
        sys.exit("readcheck.py: cannot read %s: %s" % (path, e))
    out = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as e:
            BAD.append("%s:%d: not JSON (%s)" % (path, no, e))
            continue
        missing = [k for k in keys if not isinstance(obj, dict) or k not in obj]
        if missing:
            BAD.append("%s:%d: no %s" % (path, no, ", ".join(missing)))
            continue
        obj["_where"] = "%s:%d" % (path, no)
        out.append(obj)
    return out


def sample(run_path, n, seed, key_path):
    top = collections.defaultdict(list)
    for r in jsonl(run_path, SPAN + ("rank",)):
        if r["rank"] <= 10:
            top[r["qid"]].append(r)
    judged = jsonl(os.path.join(SHARED, "eval", "judgments.jsonl"),
                   SPAN + ("grade", "title", "date"))
    sys.path.insert(0, os.path.join(SHARED, "eval"))
    import score  # the scorer's own rule for a returned span matching a judged passage
    pool = [j for j in judged if any(score.matches(r, j) for r in top[j["qid"]])]
    picked = random.Random(seed).sample(pool, min(n, len(pool)))
    ids = {j["article_id"] for j in picked}
    bodies = {}
    with open(os.path.join(SHARED, "corpus", "ukraine.jsonl"), encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a["id"] in ids:
                bodies[a["id"]] = a["body"].encode("utf-8")
    queries = {q["qid"]: q["query"]
               for q in jsonl(os.path.join(SHARED, "eval", "queries.jsonl"), ("qid", "query"))}
    with open(key_path, "w", encoding="utf-8") as key:
        for i, j in enumerate(picked):
            text = bodies[j["article_id"]][j["start"]:j["end"]].decode("utf-8", "replace")
            print("### %d %s | %s | %s | %s\n%s\n" % (i, j["qid"], queries[j["qid"]],
                                                    j["title"], j["date"], text))
            key.write(json.dumps({k: j[k] for k in ("qid", "article_id", "start", "end",
                                                    "grade")}) + "\n")


def agree(read_path):
    official = {tuple(j[k] for k in SPAN): j["grade"]
                for j in jsonl(os.path.join(SHARED, "eval", "qrels.jsonl"), SPAN + ("grade",))}
    pairs = collections.Counter()
    for r in jsonl(read_path, SPAN + ("grade",)):
        k = tuple(r[k] for k in SPAN)
        if k not in official:
            BAD.append("%s: %s %s %s-%s is not a judged passage" % ((r["_where"],) + k))
            continue
        pairs[(r["grade"], official[k])] += 1
    total = sum(pairs.values())
    same = sum(v for (a, b), v in pairs.items() if a == b)
    higher = sum(v for (a, b), v in pairs.items() if a > b)
    print("our reading agrees with the official grade on %d of %d judged passages "
          "(%d read higher, %d lower)" % (same, total, higher, total - same - higher))
    return 0


def main(argv):
    if len(argv) == 6 and argv[1] == "sample" and argv[3].isdigit() and argv[4].isdigit():
        sample(argv[2], int(argv[3]), int(argv[4]), argv[5])
    elif len(argv) == 3 and argv[1] == "agree":
        agree(argv[2])
    else:
        sys.stderr.write(__doc__)
        return 2
    for b in BAD:
        sys.stderr.write("readcheck.py: %s\n" % b)
    return 1 if BAD else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
