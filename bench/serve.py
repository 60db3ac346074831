#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""newsidx-serve's /search against the library in one process, in the same run.

  bench/serve.py [--clients 1,4,8] [--requests 200] [--reps 3]

Indexes ../shared/corpus/ukraine.jsonl once (results/tmp/serve/), then per repetition:
nx_query_bench (nx_search + nx_snippet in one process, the eval's 28 query texts) for the
in-process latency, and newsidx-serve (default 4 threads) with C concurrent clients on loopback,
each sending R requests for the same texts round-robin (keep-alive, limit=10): requests/s,
p50 and p99. Writes results/serve.md. Needs NEWSIDX_BUILD (default ../build) with
server/newsidx-serve, and bench/build/nx_query_bench (`make -C bench nx`).
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.abspath(os.environ.get("NEWSIDX_BUILD", os.path.join(HERE, "..", "build")))
SHARED = os.path.join(HERE, "..", "..", "shared")
WORK = os.path.join(HERE, "results", "tmp", "serve")


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * p / 100))]


def queries():
    with open(os.path.join(SHARED, "eval", "queries.jsonl"), encoding="utf-8") as f:
        return [json.loads(line)["query"] for line in f if line.strip()]


def index():
    db = os.path.join(WORK, "ukraine.nx")
    if not os.path.isdir(db):
        os.makedirs(WORK, exist_ok=True)
        subprocess.run([os.path.join(BUILD, "indexer", "newsidx-index"), "-q", "--db", db,
                        os.path.join(SHARED, "corpus", "ukraine.jsonl")], check=True)
    return db


def in_process(db, texts, reps):
    qfile = os.path.join(WORK, "q.txt")
    with open(qfile, "w", encoding="utf-8") as f:
        f.write("".join(t + "\n" for t in texts))
    out = subprocess.run([os.path.join(HERE, "build", "nx_query_bench"), "query", db, qfile,
                          str(reps)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def server(db):
    p = subprocess.Popen([os.path.join(BUILD, "server", "newsidx-serve"), "--db", db,
                          "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    url = p.stdout.readline().strip()
    return p, urllib.parse.urlsplit(url)


def load(u, texts, clients, requests):
    took, failed = [], []
    lock = threading.Lock()

    def client(n):
        c = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
        mine = []
        for i in range(requests):
            path = "/search?" + urllib.parse.urlencode({"q": texts[(n + i) % len(texts)],
                                                       "limit": 10})
            t0 = time.perf_counter()
            c.request("GET", path)
            r = c.getresponse()
            r.read()
            mine.append(time.perf_counter() - t0)
            if r.status != 200:
                failed.append(r.status)
        c.close()
        with lock:
            took.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"rps": len(took) / wall, "p50": 1e3 * pct(took, 50), "p99": 1e3 * pct(took, 99),
            "failed": len(failed)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", default="1,4,8")
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    clients = [int(c) for c in a.clients.split(",")]
    texts = queries()
    db = index()
    lib, http_ = [], {c: [] for c in clients}
    for rep in range(a.reps):
        lib.append(in_process(db, texts, 5))
        p, u = server(db)
        try:
            load(u, texts, 2, 20)  # warm the workers' readers and the page cache
            for c in clients:
                http_[c].append(load(u, texts, c, a.requests))
        finally:
            p.terminate()
            p.wait(30)
        print("rep %d done" % (rep + 1), file=sys.stderr)
    med = lambda xs: statistics.median(xs)
    lib_med = med([r["median_ms"] for r in lib])
    lib_p99 = med([r["p99_ms"] for r in lib])
    lines = ["# newsidx-serve: /search over HTTP next to the library in one process", "",
             "ukraine.jsonl (%d needs' query texts of shared/eval, top 10), %d runs; medians "
             "over runs. Machine: %d cores, shared and noisy: compare within a row." %
             (len(texts), a.reps, os.cpu_count() or 0), "",
             "| how | clients | requests/s | p50 ms | p99 ms | p50 ÷ in-process | failed |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
             "| library in one process (nx_query_bench) | 1 | %.0f | %.2f | %.2f | 1.00 | 0 |" %
             (1e3 / lib_med, lib_med, lib_p99)]
    for c in clients:
        rows = http_[c]
        p50 = med([r["p50"] for r in rows])
        lines.append("| newsidx-serve, 4 threads, keep-alive | %d | %.0f | %.2f | %.2f | %.2f | %d |"
                     % (c, med([r["rps"] for r in rows]), p50, med([r["p99"] for r in rows]),
                        p50 / lib_med, sum(r["failed"] for r in rows)))
    text = "\n".join(lines) + "\n"
    with open(os.path.join(HERE, "results", "serve.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
