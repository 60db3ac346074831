#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A small search backend on the newsidx Python binding and the standard library's http.server
(no framework): the read side of newsidx-serve's interface (docs/serve.md) in ~100 lines.

    PYTHONPATH=python NEWSIDX_LIB=build/lib/libnewsidx.so \\
        python3 examples/python_server.py --db sample.nx --port 8080
    curl 'http://127.0.0.1:8080/search?q=ceasefire&actor=lavrov&facets=1'

GET /search?q=...&actor=...&topic=...&since=&until=&source=&sort=&limit=&offset=&per_article=
    &facets=1  ->  {"results": [hit, ...], "total", "passages", "offset", "facets"?}
GET /articles/ID  ->  the stored article;  GET /health  ->  {"status": "ok", "version"}
Errors: {"error": {"code": "EQUERY", "message": ...}} with 400, or 404 for an unknown
article or path. Each request thread borrows one of --readers index handles from a pool (a
handle serves one thread at a time); the library runs with the GIL released, so the searches
of several requests proceed in parallel.
"""

import argparse
import json
import queue
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import newsidx

FLAGS = ("facets", "explain", "exact")
NUMBERS = ("limit", "offset", "per_article")
MAX_LIMIT = 100


class BadRequest(Exception):
    pass


def search_args(params):
    """The query string as Db.search keyword arguments; BadRequest for an unknown or bad one."""
    kw = {"query": params.pop("q", [None])[-1], "actors": params.pop("actor", None),
          "topics": params.pop("topic", None), "max_bytes": 0}
    for name in ("since", "until", "source", "sort"):
        if name in params:
            kw[name] = params.pop(name)[-1]
    for name in NUMBERS:
        if name in params:
            v = params.pop(name)[-1]
            if not v.isdigit():
                raise BadRequest("'%s' must be a whole number, not '%s'" % (name, v))
            kw[name] = int(v)
    for name in FLAGS:
        if name in params:
            v = params.pop(name)[-1]
            if v not in ("", "1", "true", "0", "false"):
                raise BadRequest("'%s' takes 1, true, 0 or false, not '%s'" % (name, v))
            kw[name] = v in ("", "1", "true")
    if params:
        raise BadRequest("unknown parameter '%s'" % sorted(params)[0])
    if kw.get("limit", 10) > MAX_LIMIT:
        raise BadRequest("'limit' is at most %d" % MAX_LIMIT)
    return kw


class Handler(BaseHTTPRequestHandler):
    pool = None  # queue.Queue of newsidx.Db readers, set by main()

    def answer(self, status, doc):
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message):
        self.answer(status, {"error": {"code": code, "message": message}})

    def do_GET(self):  # noqa: N802 - http.server's name
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/health":
            return self.answer(200, {"status": "ok", "version": newsidx.version()})
        if url.path != "/search" and not url.path.startswith("/articles/"):
            return self.error(404, "ENOTFOUND", "no such path '%s'" % url.path)
        db = self.pool.get()
        try:
            db.reopen()  # see the latest commit
            if url.path == "/search":
                self.search(db, urllib.parse.parse_qs(url.query, keep_blank_values=True))
            else:
                a = db.get(urllib.parse.unquote(url.path[len("/articles/"):]))
                self.answer(200, dict(a.as_dict(), article_id=a.id))
        except BadRequest as e:
            self.error(400, "EINVAL", str(e))
        except newsidx.NewsidxError as e:
            article = url.path != "/search" and isinstance(e, newsidx.NotFoundError)
            bad = isinstance(e, (ValueError, LookupError))  # the request's fault
            self.error(404 if article else 400 if bad else 500, e.name, e.message)
        finally:
            self.pool.put(db)

    def search(self, db, params):
        kw = search_args(params)
        with db.search(**kw) as r:
            doc = {"results": [h.as_dict() for h in r], "total": r.articles,
                   "passages": r.passages, "offset": kw.get("offset", 0)}
            if kw.get("facets"):
                doc["facets"] = {k: [{"name": n, "count": c} for n, c in v]
                                 for k, v in r.facets.items() if k in
                                 ("actor", "topic", "source", "month", "said")}
        self.answer(200, doc)

    def log_message(self, fmt, *args):
        sys.stderr.write("python_server: %s\n" % (fmt % args))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True, help="the index to search")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8080, help="0: any free port")
    ap.add_argument("--readers", type=int, default=4, help="index handles in the pool")
    args = ap.parse_args()
    pool = queue.Queue()
    for _ in range(max(args.readers, 1)):
        pool.put(newsidx.open(args.db))
    Handler.pool = pool
    server = ThreadingHTTPServer((args.host, args.port), Handler)
    print("listening on http://%s:%d" % server.server_address[:2], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    while not pool.empty():
        pool.get().close()


if __name__ == "__main__":
    main()
