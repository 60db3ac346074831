#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Near copies (issue 28, docs/duplicates.md): the SimHash distances between articles of a corpus.

  bench/nearcopy.py pairs CORPUS... [--max-distance D]    pairs of articles within D bits
                                                          (JSON lines on stdout)
  bench/nearcopy.py histogram CORPUS...                   articles and pairs per distance

The SimHash is the candidate for near copies that bench/nearcopy/README.md measured (64 bits,
3-word shingles, the words as lib/store/dupkey.c reads them for the story key); the index does
not use it (docs/duplicates.md, Limits). Pairs whose bodies are the same text (the same story
key) are exact copies and left out. Candidates
are found by 8 bands of 8 bits: every pair within 7 bits shares a band. Standard library only.
"""
import collections
import gzip
import json
import sys

MASK = (1 << 64) - 1
FNV_INIT = 0xcbf29ce484222325
SHINGLE = 3
WORD_MAX = 64


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


def simhash(body):
    w = words(body)
    if len(w) < SHINGLE:
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


def articles(paths):
    out = []
    for path, a in read(paths):
        body = (a.get("body") or "").encode("utf-8")
        out.append({"corpus": path.rsplit("/", 1)[-1], "id": a["id"], "title": a.get("title"),
                    "date": a.get("date"), "source": a.get("source"),
                    "simhash": simhash(body), "story": story(body), "words": len(words(body)),
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


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("pairs", "histogram"):
        sys.exit(__doc__)
    max_distance = 7
    if "--max-distance" in args:
        k = args.index("--max-distance")
        max_distance = int(args[k + 1])
        del args[k:k + 2]
    arts = articles(args[1:])
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
