# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare two newsidx-query --json outputs: the same results (ties in any order, scores equal
within 1e-9 relative), every field and highlight included, and the same facets line.
Usage: python3 same_results.py A.jsonl B.jsonl; prints the first difference and exits 1."""
import json
import sys


def load(path):
    rows, facets = [], None
    for line in open(path, encoding="utf-8"):
        r = json.loads(line)
        if r.get("type") == "facets":
            facets = r
        elif r.get("type") == "result":
            r.pop("rank")
            rows.append(r)
    return rows, facets


def main():
    (a, fa), (b, fb) = load(sys.argv[1]), load(sys.argv[2])
    if not a:
        sys.exit("no results: the comparison would prove nothing")
    if len(a) != len(b):
        sys.exit("%d results against %d" % (len(a), len(b)))
    key = lambda r: (-round(r["score"], 6), r["article_id"], r["start"])
    for x, y in zip(sorted(a, key=key), sorted(b, key=key)):
        if abs(x["score"] - y["score"]) > 1e-9 * abs(x["score"]):
            sys.exit("score %r against %r" % (x["score"], y["score"]))
        x["score"] = y["score"]
        if x != y:
            diff = [k for k in x if x[k] != y.get(k)]
            sys.exit("%s differs in %s" % (x["article_id"], diff))
    if fa != fb:
        sys.exit("facets differ: %s against %s" % (fa, fb))


main()
