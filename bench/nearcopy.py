#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Near copies (issue 28, docs/duplicates.md): the SimHash distances between articles of a corpus.

  bench/nearcopy.py pairs CORPUS... [--max-distance D]    pairs of articles within D bits
                                                          (JSON lines on stdout)
  bench/nearcopy.py histogram CORPUS...                   articles and pairs per distance
  bench/nearcopy.py clusters CORPUS... [--max-distance D] the clusters the index makes when
                                                          it merges within D bits (default 4)

The SimHash is the one lib/store/dupkey.c computes (64 bits, 3-word shingles, the words as it
reads them for the story key; bench/nearcopy/README.md measured it). Pairs whose bodies are the
same text (the same story key) are exact copies and left out. Candidates for `pairs` are found
by 8 bands of 8 bits: every pair within 7 bits shares a band. `clusters` does what indexing
does (lib/store/nearcopy.c): articles in corpus order, each looks up the earlier ones sharing
one of 5 bands of its SimHash (NX__NEAR_BANDS; every pair within 4 bits shares one), at most
NX__NEAR_CANDIDATES per band, and joins the cluster of the nearest within D bits (the earliest
indexed of equals), else starts its own; a body of fewer than 60 words has no SimHash there
(NX__DUPKEY_NEAR_MIN_WORDS) and joins no cluster but its exact copies'. Standard library only.
"""
import collections
import gzip
import json
import sys

MASK = (1 << 64) - 1
FNV_INIT = 0xcbf29ce484222325
SHINGLE = 3
WORD_MAX = 64
NEAR_MIN_WORDS = 60  # NX__DUPKEY_NEAR_MIN_WORDS: shorter bodies have no near copies


def fnv1a(h, data):
    for c in data:
        h ^= c
        h = (h * 0x100000001b3) & MASK
    return h


def mix64(h):
    h ^= h >> 30
    h = (h * 0xbf58476d1ce4e5b9) & MASK
    h ^= h >> 27
    h = (h * 0x94d049bb133111eb) & MASK
    h ^= h >> 31
    return h


def words(body):
    """The words as dupkey.c reads them: runs of ASCII letters and digits and non-ASCII bytes,
    ASCII lower-cased, cut at 64 bytes."""
    out, cur = [], bytearray()
    for c in body:
        if c >= 0x80 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122:
            cur.append(c + 32 if 65 <= c <= 90 else c)
        elif cur:
            out.append(bytes(cur[:WORD_MAX]))
            cur = bytearray()
    if cur:
        out.append(bytes(cur[:WORD_MAX]))
    return out


def simhash(body, min_words=NEAR_MIN_WORDS):
    w = words(body)
    if len(w) < max(SHINGLE, min_words):
        return 0
    votes = [0] * 64
    for i in range(len(w) - SHINGLE + 1):
        h = FNV_INIT
        for k in range(i, i + SHINGLE):
            h = fnv1a(h, w[k])
            h = fnv1a(h, b" ")
        h = mix64(h)
        for b in range(64):
            votes[b] += 1 if h >> b & 1 else -1
    return sum(1 << b for b in range(64) if votes[b] > 0)


def story(body):
    return b" ".join(words_unlimited(body))


def words_unlimited(body):
    out, cur = [], bytearray()
    for c in body:
        if c >= 0x80 or 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122:
            cur.append(c + 32 if 65 <= c <= 90 else c)
        elif cur:
            out.append(bytes(cur))
            cur = bytearray()
    if cur:
        out.append(bytes(cur))
    return out


def read(paths):
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                yield path, a


MIN_WORDS = [NEAR_MIN_WORDS]  # pairs and histogram: 0 (every body), clusters: the index's


def articles(paths):
    out = []
    for path, a in read(paths):
        body = (a.get("body") or "").encode("utf-8")
        out.append({"corpus": path.rsplit("/", 1)[-1], "id": a["id"], "title": a.get("title"),
                    "date": a.get("date"), "source": a.get("source"),
                    "simhash": simhash(body, MIN_WORDS[0]), "story": story(body), "words": len(words(body)),
                    "body": a.get("body") or ""})
    return out


def pairs(arts, max_distance):
    bands = collections.defaultdict(list)
    for i, a in enumerate(arts):
        if a["simhash"]:
            for b in range(8):
                bands[(b, a["simhash"] >> (8 * b) & 0xff)].append(i)
    seen = set()
    for members in bands.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in seen or arts[i]["corpus"] != arts[j]["corpus"]:
                    continue
                seen.add((i, j))
                d = bin(arts[i]["simhash"] ^ arts[j]["simhash"]).count("1")
                if d <= max_distance and arts[i]["story"] != arts[j]["story"]:
                    yield d, arts[i], arts[j]


BANDS = ((0, 13), (13, 13), (26, 13), (39, 13), (52, 12))  # (first bit, bits): dupkey.h
CANDIDATES = 256


def clusters(arts, max_distance):
    """The cluster of each article: (corpus, the story of its cluster's first article)."""
    bands = collections.defaultdict(list)
    cluster = []
    for i, a in enumerate(arts):
        h = a["simhash"]
        best = None
        if h:
            for b, (lo, n) in enumerate(BANDS):
                for j in bands[(a["corpus"], b, h >> lo & ((1 << n) - 1))][:CANDIDATES]:
                    d = bin(h ^ arts[j]["simhash"]).count("1")
                    if d <= max_distance and (best is None or (d, j) < best):
                        best = (d, j)
        cluster.append(cluster[best[1]] if best else (a["corpus"], a["story"]))
        if h:
            for b, (lo, n) in enumerate(BANDS):
                bands[(a["corpus"], b, h >> lo & ((1 << n) - 1))].append(i)
    return cluster


def report_clusters(arts, max_distance):
    cluster = clusters(arts, max_distance)
    members = collections.defaultdict(list)
    for i, c in enumerate(cluster):
        members[c].append(i)
    for corpus in sorted({a["corpus"] for a in arts}):
        groups = [m for c, m in members.items() if c[0] == corpus]
        big = [m for m in groups if len(m) > 1]
        near = [m for m in big if len({arts[i]["story"] for i in m}) > 1]
        stories = len({(arts[i]["story"]) for i in range(len(arts)) if arts[i]["corpus"] == corpus})
        print("%s: articles %d, stories (same body) %d, clusters %d; with copies %d (copies %d);"
              " of other bodies %d (copies of another body %d)"
              % (corpus, sum(len(m) for m in groups), stories, len(groups), len(big),
                 sum(len(m) - 1 for m in big), len(near),
                 sum(len({arts[i]["story"] for i in m}) - 1 for m in near)))
        for m in near:
            far = [(arts[i]["id"], arts[j]["id"], bin(arts[i]["simhash"] ^ arts[j]["simhash"])
                    .count("1")) for x, i in enumerate(m) for j in m[x + 1:]
                   if bin(arts[i]["simhash"] ^ arts[j]["simhash"]).count("1") > max_distance]
            for a, b, d in far:
                print("  chained: %s %s %d bits apart" % (a, b, d))


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("pairs", "histogram", "clusters"):
        sys.exit(__doc__)
    max_distance = 4 if args[0] == "clusters" else 7
    if "--max-distance" in args:
        k = args.index("--max-distance")
        max_distance = int(args[k + 1])
        del args[k:k + 2]
    MIN_WORDS[0] = NEAR_MIN_WORDS if args[0] == "clusters" else 0
    arts = articles(args[1:])
    if args[0] == "clusters":
        report_clusters(arts, max_distance)
        return
    if args[0] == "histogram":
        hist = collections.Counter(d for d, _, _ in pairs(arts, 7))
        exact = len(arts) - len({(a["corpus"], a["story"]) for a in arts})
        print("articles %d, exact copies (same body as an earlier one) %d" % (len(arts), exact))
        for d in sorted(hist):
            print("distance %d: %d pairs of different bodies" % (d, hist[d]))
        return
    for d, a, b in pairs(arts, max_distance):
        print(json.dumps({"distance": d, "corpus": a["corpus"],
                          "a": {k: a[k] for k in ("id", "title", "date", "source", "words")},
                          "b": {k: b[k] for k in ("id", "title", "date", "source", "words")}},
                         ensure_ascii=False))


if __name__ == "__main__":
    main()
