# SPDX-License-Identifier: GPL-2.0-or-later
"""An open index (nx_db): reader or writer, searches, articles, batches, ingest, maintenance.

Threads: the library allows one thread at a time per handle, so each Db serialises its calls
with a lock; calls on separate Db objects (even on the same index) run in parallel, the GIL
released while the library works. A server opens one reader per thread (or a pool of them).
"""

import contextlib
import ctypes
import os
import threading
import warnings
import weakref

from . import _lib, errors, ingest, search
from ._lib import lib, text, cstr
from .article import Article

PUT_OUTCOMES = ("added", "replaced", "unchanged")  # enum nx_put_outcome order
LEX_KINDS = {"actor": 0, "topic": 1}
EINVAL = int(errors.Code.EINVAL)


class Db:
    """An open index. Use open() to make one; `with open(...) as db:` closes it (a writer
    commits). Every method raises a NewsidxError subclass for a failed nx_ call, and
    ClosedError once the index is closed."""

    def __init__(self, path, write=False, create=False, lock_timeout=0.0, lexicon=None,
                 batch_articles=0, batch_bytes=0, shards=0, timeout=0.0):
        if create and not write:
            raise errors.InvalidArgumentError(EINVAL, "create=True needs write=True")
        o = _lib.OpenOpts()
        o.version = _lib.OpenOpts.VERSION
        o.flags = (1 if write else 0) | (2 if create else 0)
        o.lock_timeout, o.batch_articles, o.batch_bytes = lock_timeout, batch_articles, batch_bytes
        o.shards, o.timeout = shards, timeout
        lex = cstr(os.fspath(lexicon) if lexicon is not None else None, "lexicon")
        o.lexicon_path = lex
        h = ctypes.c_void_p()
        self._h = None
        self._lock = threading.RLock()
        self._results = weakref.WeakSet()
        self.path = os.fspath(path)
        self.writable = bool(write)
        _lib.check(lib.nx_db_open(ctypes.byref(h), cstr(self.path, "path"), ctypes.byref(o)))
        self._h = h

    # ---- lifetime -------------------------------------------------------------------------

    def _raise_closed(self, what="index"):
        raise errors.ClosedError(EINVAL, "%s of '%s' used after close" % (what, self.path))

    def _handle(self):
        if self._h is None:
            self._raise_closed()
        return self._h

    def _free_results(self):
        for r in list(self._results):
            r.close()

    def close(self):
        """Commit (a writer) and release the index, with any results still open; idempotent.
        Raises the commit's error, the index being released all the same."""
        with self._lock:
            if self._h is None:
                return
            self._free_results()
            h, self._h = self._h, None
            _lib.check(lib.nx_db_close(h))

    def discard(self):
        """Release the index without committing: writes since the last commit are lost."""
        with self._lock:
            if self._h is None:
                return
            self._free_results()
            h, self._h = self._h, None
            lib.nx_db_free(h)

    @property
    def closed(self):
        return self._h is None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.discard() if self.writable else self.close()

    def __del__(self):
        # As an unclosed file: a ResourceWarning; a writer's uncommitted writes are dropped
        # (nx_db_free) rather than committed at whatever moment the collector runs.
        if getattr(self, "_h", None) is None:
            return
        try:
            warnings.warn("unclosed %r" % self, ResourceWarning, source=self)
            self.discard() if self.writable else self.close()
        except Exception:
            pass

    def __repr__(self):
        return "<newsidx.Db %r %s%s>" % (self.path, "writer" if self.writable else "reader",
                                         " closed" if self.closed else "")

    def _call(self, fn):
        with self._lock:
            _lib.check(fn(self._handle()))

    def reopen(self):
        """A reader: move to the latest committed revision."""
        self._call(lib.nx_db_reopen)

    # ---- searching ------------------------------------------------------------------------

    def search(self, query=None, *, actors=None, topics=None, since=None, until=None,
               source=None, sort="relevance", limit=10, offset=0, per_article=3, facets=False,
               facet_unit="articles", timeline=False, explain=False, exact=False,
               feedback=True, typos=False, fix_typos=False, snippet=True, max_bytes=400,
               mark=("[", "]"), ellipsis="...", body=False, time_limit=None):
        """Run a search; the Results iterate Hit objects lazily. The options are newsidx-query's
        (docs/python.md): query text in the query language, actors (all required, any
        spelling), topics, since/until (YYYY, YYYY-MM or YYYY-MM-DD), source words, sort
        "relevance" or "date", limit, offset, per_article (passages per article, 3 as the
        CLI), facets (facet_unit "articles" or "passages"), timeline, explain, exact counts,
        feedback=False (no pseudo-relevance feedback), typos / fix_typos. snippet: each hit's
        passage with matches between mark[0] and mark[1], trimmed to about max_bytes (0:
        whole); body=True gives hits the whole article body. time_limit: seconds the search
        and the reading of its results may take (NewsidxTimeoutError beyond; None: no limit)."""
        opts, keep = search.make_opts(query, actors, topics, since, until, source, sort, limit,
                                      offset, per_article, facets, facet_unit, timeline,
                                      explain, exact, feedback, typos, fix_typos, body,
                                      time_limit)
        snip, skeep = search.make_snippet_opts(snippet, max_bytes, mark, ellipsis)
        r = ctypes.c_void_p()
        with self._lock:
            _lib.check(lib.nx_search(ctypes.byref(r), self._handle(), ctypes.byref(opts)))
            res = search.Results(self, r, offset, snip, (opts, keep, skeep), body)
            self._results.add(res)
        return res

    # ---- articles -------------------------------------------------------------------------

    def get(self, article_id):
        """The stored article `article_id` as an Article; NotFoundError if absent."""
        out = ctypes.POINTER(_lib.Article)()
        with self._lock:
            _lib.check(lib.nx_db_get(ctypes.byref(out), self._handle(),
                                     cstr(article_id, "article_id")))
        try:
            a = out.contents
            body = ctypes.string_at(a.body, a.body_len) if a.body else b""
            return Article(id=text(a.id), title=text(a.title), date=text(a.date),
                           source=text(a.source), url=text(a.url),
                           body=body.decode("utf-8", "replace"))
        finally:
            lib.nx_free(out)

    def put(self, article=None, **fields):
        """Add or replace an article: an Article, a dict, or keyword fields (id, title, date,
        source, url, body). Returns (outcome, passages): outcome "added", "replaced" or
        "unchanged", passages the number written (0 when unchanged). A writer only;
        InputError for invalid text, an empty body, a bad date."""
        if article is None:
            article = fields
        elif isinstance(article, Article):
            article = article.as_dict()
        elif fields:
            raise TypeError("put: an article or keyword fields, not both")
        unknown = set(article) - {"id", "title", "date", "source", "url", "body"}
        if unknown:
            raise TypeError("put: unknown article field(s) %s" % ", ".join(sorted(unknown)))
        a = _lib.Article()
        keep = {k: cstr(article.get(k), k) for k in ("id", "title", "date", "source", "url")}
        a.id, a.title, a.date = keep["id"], keep["title"], keep["date"]
        a.source, a.url = keep["source"], keep["url"]
        body = cstr(article.get("body"), "body")
        if body is not None:
            buf = ctypes.create_string_buffer(body, len(body))
            a.body, a.body_len = ctypes.addressof(buf), len(body)
            if not body:  # body_len 0 would mean strlen: an empty body stays empty
                a.body_len = 0
        outcome, passages = ctypes.c_int(), ctypes.c_size_t()
        with self._lock:
            _lib.check(lib.nx_db_put(ctypes.byref(outcome), ctypes.byref(passages),
                                     self._handle(), ctypes.byref(a)))
        return PUT_OUTCOMES[outcome.value], passages.value

    def delete(self, article_id):
        """Remove an article and its passages; NotFoundError if no such id. A writer only."""
        with self._lock:
            _lib.check(lib.nx_db_delete(self._handle(), cstr(article_id, "article_id")))

    def begin(self):
        """Open a batch: the writes up to commit() are one atomic unit (see batch())."""
        self._call(lib.nx_db_begin)

    def commit(self):
        """Commit the batch, or what auto-batching has pending; visible to readers after."""
        self._call(lib.nx_db_commit)

    def cancel(self):
        """Drop the open batch's writes."""
        self._call(lib.nx_db_cancel)

    @contextlib.contextmanager
    def batch(self):
        """`with db.batch():` the writes inside are one atomic unit: committed at the end,
        cancelled if the block raises."""
        self.begin()
        try:
            yield self
        except BaseException:
            self.cancel()
            raise
        self.commit()

    def ingest(self, paths, *, prune=False, compact=False, merge=False, field_map=None,
               on_diag=None, on_progress=None):
        """Index files and folders (.txt, .json, .jsonl, gzip, HTML, WARC; "-" for standard
        input) as newsidx-index does. Returns IngestStats; problems with single items go to
        on_diag(Diag) or, without it, to stats.diagnostics; stats.ok is False when some input
        was skipped. on_progress(dict) is called about every 64 KiB of input."""
        with self._lock:
            return ingest.run(self._handle(), paths, prune, compact, merge, field_map, on_diag,
                              on_progress)

    def compact(self):
        """Compact the index in place (a writer, outside a batch)."""
        self._call(lib.nx_db_compact)

    def merge(self):
        """Merge a sharded index into one (a writer, outside a batch); else as compact()."""
        self._call(lib.nx_db_merge)

    # ---- what the index holds -------------------------------------------------------------

    def stats(self):
        """{"articles", "passages", "terms", "index_bytes", "avg_passage_len", "lexicon"}."""
        st = _lib.Stats()
        with self._lock:
            _lib.check(lib.nx_db_stats(ctypes.byref(st), self._handle()))
            return {"articles": st.articles, "passages": st.passages, "terms": st.terms,
                    "index_bytes": st.index_bytes, "avg_passage_len": st.avg_passage_len,
                    "lexicon": text(st.lexicon)}

    def lexicon(self, kind="actor"):
        """The index's actors (kind "actor") or topics ("topic"): {key: [spellings...]}."""
        k = _kind(kind)
        with self._lock:
            h = self._handle()
            return {text(lib.nx_db_lexicon_key(h, k, i)):
                    [text(lib.nx_db_lexicon_variant(h, k, i, j))
                     for j in range(lib.nx_db_lexicon_variant_count(h, k, i))]
                    for i in range(lib.nx_db_lexicon_count(h, k))}

    def resolve(self, name, kind="actor"):
        """The key of an actor or topic by any spelling, or None."""
        k = _kind(kind)
        with self._lock:
            return text(lib.nx_db_lexicon_resolve(self._handle(), k, cstr(name, "name")))

    def suggest(self, name, kind="actor"):
        """Up to 3 keys near an unknown name, best first."""
        k = _kind(kind)
        keys = (ctypes.c_char_p * 3)()
        with self._lock:
            n = lib.nx_db_lexicon_suggest(ctypes.cast(keys, _lib.c_char_pp), 3, self._handle(),
                                          k, cstr(name, "name"))
            return [text(keys[i]) for i in range(n)]


def _kind(kind):
    if kind not in LEX_KINDS:
        raise ValueError("kind: 'actor' or 'topic', not %r" % (kind,))
    return LEX_KINDS[kind]
