#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Indexing throughput of newsidx for the same articles as JSON Lines, HTML pages and a WARC.

The articles of a JSON Lines corpus (default ../shared/corpus/ukraine.jsonl) are written, at
bench time and into results/tmp/extract/ (ignored by git: real articles are never committed),
as one HTML page each, wrapped in a news-site template full of boilerplate (cookie banner,
navigation, share buttons, related stories, comments, ads, footer), and as one .warc.gz with
gzip per record (warcinfo, a request and a response per page; every third response chunked and
gzip-encoded). newsidx-index then indexes each form into a fresh index REPS times; throughput
is MB of article text (the corpus bodies, the same for all three) per second of wall time:
median, min and max. Also checked: every form yields every article, and the HTML forms give
back the corpus text (the share of article words found in the extracted bodies, and of
template boilerplate words kept). Results go to results/extract.md.

    bench/extract.py [--build DIR] [--corpus FILE] [--reps N] [--limit N]
"""
import argparse
from collections import Counter
import gzip
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | Bench Daily</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{source}">
<meta property="article:published_time" content="{date}T09:00:00Z">
<link rel="canonical" href="{url}">
<script>var analytics = {{"section": "world", "tag": "boilerplate script text"}};</script>
<style>.cookie-bar {{ position: fixed }}</style>
</head><body>
<div class="cookie-bar" id="gdpr-consent"><p>We use cookies to personalise content and ads. By
continuing to browse you agree to our cookie policy.</p><button>I agree</button></div>
<header class="masthead"><a href="/">Bench Daily</a><nav><ul><li><a href="/world">World news</a></li>
<li><a href="/business">Business and markets</a></li><li><a href="/opinion">Opinion columns</a></li>
</ul></nav></header>
<div class="ad-leaderboard"><p>Advertisement: discount winter tyres for every car</p></div>
<main><article>
<h1>{title}</h1><div class="byline">Staff reporter</div>
<div class="share-bar"><a href="#">Share on social media</a> <a href="#">Email this article</a></div>
<div class="story-body">
{paragraphs}
</div></article>
<aside class="related-links"><h3>Related coverage</h3><ul><li><a href="/r1">Earlier report on
the same subject from our archive</a></li><li><a href="/r2">Analysis of what happens next in
the region</a></li></ul></aside>
<section class="comments"><h3>Comments</h3><div class="comment"><p>Reader opinion posted under
the article that should never be indexed.</p></div></section>
</main>
<footer><p>Copyright Bench Daily newsroom. Terms of use and privacy notice.</p></footer>
</body></html>
"""
BOILER = ("We use cookies to personalise content and ads Bench Daily World news Business and "
          "markets Opinion columns Advertisement discount winter tyres Staff reporter Share on "
          "social media Email this article Related coverage Earlier report on the same subject "
          "from our archive Analysis of what happens next in the region Comments Reader opinion "
          "posted under the article that should never be indexed Copyright Bench Daily newsroom "
          "Terms of use and privacy notice boilerplate script text I agree")


def page(rec):
    paras = [p.strip() for p in rec["body"].split("\n\n") if p.strip()]
    esc = lambda s: html.escape(s or "", quote=True)
    body = "\n".join("<p>%s</p>" % esc(p).replace("\n", "<br>") for p in paras)
    return TEMPLATE.format(title=esc(rec.get("title") or "Untitled"), source=esc(rec.get("source")),
                           date=esc(rec.get("date") or "2022-01-01"), url=esc(rec.get("url")),
                           paragraphs=body).encode("utf-8")


def chunked(b, size=4096):
    out = b""
    for i in range(0, len(b), size):
        out += b"%x\r\n" % len(b[i:i + size]) + b[i:i + size] + b"\r\n"
    return out + b"0\r\n\r\n"


def warc_record(kind, uri, block, ctype):
    head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2022-03-01T00:00:00Z"
            "\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (kind, uri, ctype, len(block)))
    return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6)


def safe_name(s):
    return re.sub(r"[^A-Za-z0-9._-]", "_", s)[:150]


def make_inputs(corpus, work, limit):
    recs = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
            if limit and len(recs) >= limit:
                break
    jsonl = os.path.join(work, "articles.jsonl")
    with open(jsonl, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    pages = os.path.join(work, "pages")
    os.makedirs(pages)
    warc = os.path.join(work, "crawl.warc.gz")
    with open(warc, "wb") as w:
        w.write(warc_record("warcinfo", "urn:bench", b"software: bench/extract.py\r\n",
                            "application/warc-fields"))
        for i, r in enumerate(recs):
            p = page(r)
            with open(os.path.join(pages, safe_name(r["id"]) + ".html"), "wb") as f:
                f.write(p)
            uri = "https://bench.example/a/%s" % safe_name(r["id"])
            w.write(warc_record("request", uri, b"GET / HTTP/1.1\r\n\r\n",
                                "application/http; msgtype=request"))
            if i % 3 == 2:
                http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        b"Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"
                        + chunked(gzip.compress(p)))
            else:
                http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + p
            w.write(warc_record("response", uri, http, "application/http; msgtype=response"))
    text_bytes = sum(len(r["body"].encode("utf-8")) for r in recs)
    return recs, {"JSON Lines": jsonl, "HTML folder": pages, "WARC (.warc.gz)": warc}, text_bytes


def index_once(build, work, inp):
    db = os.path.join(work, "db.nx")
    shutil.rmtree(db, ignore_errors=True)
    t0 = time.perf_counter()
    p = subprocess.run([os.path.join(build, "indexer", "newsidx-index"), "--db", db, "-q",
                        "--json", "--no-compact", inp], capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("newsidx-index failed on %s: %s" % (inp, p.stderr[:2000]))
    return dt, json.loads(p.stdout), db


def warc_id(uri):
    """The id newsidx gives a WARC record: "url-" and the FNV-1a 64 hash of its URI in hex."""
    h = 0xcbf29ce484222325
    for b in uri.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "url-%016x" % h


def words(s):
    return re.findall(r"\w+", s)


def fidelity(build, db, recs, id_of, sample=200):
    """Article words lost and boilerplate words kept, over a sample of extracted bodies."""
    lost = total = kept = 0
    boiler = set(w.lower() for w in words(BOILER))
    boiler_total = 0
    step = max(1, len(recs) // sample)
    for r in recs[::step]:
        p = subprocess.run([os.path.join(build, "query", "newsidx-query"), "--db", db,
                            "--article", id_of(r), "--json"], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit("--article %s failed: %s" % (id_of(r), p.stderr))
        body = json.loads(p.stdout)["body"]
        got = words(body)
        have, want = Counter(got), Counter(words(html.unescape(r["body"])))
        total += sum(want.values())
        lost += sum(max(0, n - have[w]) for w, n in want.items())
        extra = have - want  # words in the body beyond the article's own
        kept += sum(n for w, n in extra.items() if w.lower() in boiler)
        boiler_total += len(words(BOILER))
    return lost / max(1, total), kept / max(1, boiler_total)


def machine():
    names = []
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
    cpu = names[0] if names else (platform.processor() or "?")
    return "%s, %d CPUs visible, %s %s" % (cpu, os.cpu_count() or 0, platform.system(),
                                           platform.release())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus",
                                                     "ukraine.jsonl"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--out", default=os.path.join(HERE, "results", "extract.md"))
    a = ap.parse_args()
    work = os.path.join(HERE, "results", "tmp", "extract")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    recs, inputs, text_bytes = make_inputs(a.corpus, work, a.limit)
    sizes = {}
    rows = []
    dbs = {}
    for name, inp in inputs.items():
        if os.path.isdir(inp):
            sizes[name] = sum(os.path.getsize(os.path.join(inp, f)) for f in os.listdir(inp))
        else:
            sizes[name] = os.path.getsize(inp)
        times = []
        for _ in range(a.reps):
            dt, summary, db = index_once(a.build, work, inp)
            times.append(dt)
            print("%-16s %.2fs" % (name, dt), file=sys.stderr)
        added = summary["articles_added"]
        if added != len(recs):
            sys.exit("%s: %d articles indexed, expected %d" % (name, added, len(recs)))
        keep = os.path.join(work, "db-%d.nx" % len(dbs))
        shutil.rmtree(keep, ignore_errors=True)
        os.rename(db, keep)
        dbs[name] = keep
        med = statistics.median(times)
        mb = text_bytes / 1e6
        rows.append((name, sizes[name] / 1e6, med, min(times), max(times), mb / med,
                     mb / max(times), mb / min(times)))
    html_lost, html_kept = fidelity(a.build, dbs["HTML folder"], recs,
                                    lambda r: safe_name(r["id"]))
    warc_lost, warc_kept = fidelity(a.build, dbs["WARC (.warc.gz)"], recs,
                                    lambda r: warc_id("https://bench.example/a/%s"
                                                      % safe_name(r["id"])))
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    xml = subprocess.run(["pkg-config", "--modversion", "libxml-2.0"], capture_output=True,
                         text=True).stdout.strip()
    out = []
    out.append("# Extraction benchmark: JSON Lines vs HTML pages vs WARC\n")
    out.append("Generated by `bench/extract.py` (%d runs per input; a fresh index each run)." % a.reps)
    out.append("")
    out.append("* date: %s" % time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    out.append("* commit: %s (branch html)" % commit)
    out.append("* machine: %s; shared with other jobs, so absolute figures are rough" % machine())
    out.append("* libxml2 %s; build: `%s`" % (xml, os.path.relpath(a.build, ROOT)))
    out.append("* corpus: `%s`, %d articles, %.2f MB of article text (the bodies); the HTML and "
               "WARC forms are generated from it at bench time (never committed)"
               % (os.path.basename(a.corpus), len(recs), text_bytes / 1e6))
    out.append("")
    out.append("Throughput is MB of article text per second of `newsidx-index` wall time "
               "(both passes: boilerplate count and indexing), median (min-max) of the runs.\n")
    out.append("| input | input MB | seconds median (min-max) | article text MB/s median (min-max) |")
    out.append("| --- | ---: | ---: | ---: |")
    for name, insz, med, lo, hi, mbs, mbs_lo, mbs_hi in rows:
        out.append("| %s | %.1f | %.2f (%.2f-%.2f) | %.2f (%.2f-%.2f) |"
                   % (name, insz, med, lo, hi, mbs, mbs_lo, mbs_hi))
    out.append("")
    base = rows[0][5]
    out.append("Relative to JSON Lines: " + ", ".join("%s %.0f%%" % (r[0], 100 * r[5] / base)
                                                      for r in rows[1:]) + ".")
    out.append("")
    out.append("Extraction check on a sample of up to 200 articles, read back with "
               "`newsidx-query --article` (the template adds cookie banner, navigation, share "
               "bar, related list, comments, ads and footer to every page): HTML folder: article "
               "words lost %.2f%%, template boilerplate words kept %.2f%%; WARC: lost %.2f%%, "
               "kept %.2f%%." % (100 * html_lost, 100 * html_kept, 100 * warc_lost,
                                 100 * warc_kept))
    out.append("")
    with open(a.out, "w") as f:
        f.write("\n".join(out))
    print("\n".join(out))


if __name__ == "__main__":
    main()
