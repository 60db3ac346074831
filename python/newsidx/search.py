# SPDX-License-Identifier: GPL-2.0-or-later
"""Searching: the options of nx_search_opts, results iterated lazily as Hit objects, counts,
facets and the timeline."""

import ctypes

from . import _lib
from .errors import Code
from ._lib import lib, text, cstr, cstr_array

SORTS = {"relevance": 0, "date": 1}
FLAGS = {"facets": 1 << 0, "explain": 1 << 1, "exact": 1 << 2, "no_feedback": 1 << 3,
         "body_to_passage": 1 << 4, "facet_passages": 1 << 6, "typos": 1 << 7,
         "fix_typos": 1 << 8, "timeline": 1 << 9}
FACETS = ("actor", "topic", "source", "month", "said", "day", "week")  # enum nx_facet order
MATCH_KINDS = ("word", "actor", "topic")  # enum nx_match_kind order
PERIODS = ("day", "week", "month")


def _strings(arr, n):
    return [text(arr[i]) for i in range(n)] if n else []


class Match:
    """One highlighted match: passage[start:end] (str offsets into Hit.passage) is the text;
    kind "word", "actor" or "topic"; key the actor or topic key, or the query term."""

    __slots__ = ("start", "end", "kind", "key")

    def __init__(self, start, end, kind, key):
        self.start, self.end, self.kind, self.key = start, end, kind, key

    def as_dict(self):
        return {"start": self.start, "end": self.end, "kind": self.kind, "key": self.key}

    def __repr__(self):
        return "Match(%d, %d, %r, %r)" % (self.start, self.end, self.kind, self.key)


class Hit:
    """One result: a passage and its article, copied out of the library (it stays valid after
    the iteration moves on). rank counts from 1 over the whole list, offset included, as
    newsidx-query's; start/end are the passage's byte offsets in the article body (as
    newsidx-query --json gives them)."""

    __slots__ = ("rank", "score", "article_id", "title", "date", "source", "url", "passage",
                 "start", "end", "matches", "actors", "actor_spellings", "topics", "speakers",
                 "said", "explain", "snippet", "body")

    def __init__(self, h, offset, snippet_opts, want_body):
        body = ctypes.string_at(h.body, h.body_len) if h.body else b""
        pb = body[h.start:h.end]
        self.rank = offset + h.rank + 1
        self.score = h.score
        self.article_id, self.title = text(h.article_id), text(h.title)
        self.date, self.source, self.url = text(h.date), text(h.source), text(h.url)
        self.passage = pb.decode("utf-8", "replace")
        self.start, self.end = h.start, h.end
        self.matches = [self._match(pb, h.start, h.matches[i]) for i in range(h.n_matches)]
        self.actors = _strings(h.actors, h.n_actors)
        self.actor_spellings = _strings(h.actor_spellings, h.n_actors)
        self.topics = _strings(h.topics, h.n_topics)
        self.speakers = _strings(h.speakers, h.n_speakers)
        self.said = _strings(h.said, h.n_said)
        self.explain = text(h.explain)
        self.snippet = _snippet(h, snippet_opts) if snippet_opts is not None else None
        self.body = body.decode("utf-8", "replace") if want_body else None

    @staticmethod
    def _match(pb, base, m):
        s = len(pb[:m.start - base].decode("utf-8", "replace"))
        e = s + len(pb[m.start - base:m.end - base].decode("utf-8", "replace"))
        return Match(s, e, MATCH_KINDS[m.kind] if 0 <= m.kind < 3 else str(m.kind),
                     text(m.key))

    def as_dict(self):
        """The hit as a dict (matches as dicts too), ready for json.dumps."""
        d = {k: getattr(self, k) for k in self.__slots__}
        d["matches"] = [m.as_dict() for m in self.matches]
        return d

    def __repr__(self):
        return "Hit(rank=%d, article_id=%r, score=%.3f)" % (self.rank, self.article_id,
                                                            self.score)


def _snippet(h, opts):
    out = ctypes.c_void_p()
    _lib.check(lib.nx_snippet(ctypes.byref(out), ctypes.byref(h), ctypes.byref(opts)))
    try:
        return ctypes.string_at(out).decode("utf-8", "replace")
    finally:
        lib.nx_free(out)


def make_opts(query=None, actors=None, topics=None, since=None, until=None, source=None,
              sort="relevance", limit=10, offset=0, per_article=3, facets=False,
              facet_unit="articles", timeline=False, explain=False, exact=False,
              feedback=True, typos=False, fix_typos=False, body=False, time_limit=None):
    """nx_search_opts from keyword arguments; returns (opts, objects to keep alive)."""
    if sort not in SORTS:
        raise ValueError("sort: 'relevance' or 'date', not %r" % (sort,))
    if facet_unit not in ("articles", "passages"):
        raise ValueError("facet_unit: 'articles' or 'passages', not %r" % (facet_unit,))
    for name, v in (("limit", limit), ("offset", offset), ("per_article", per_article)):
        if not isinstance(v, int) or v < 0:
            raise ValueError("%s: a whole number >= 0, not %r" % (name, v))
    o = _lib.SearchOpts()
    o.version = _lib.SearchOpts.VERSION
    keep = [cstr(query, "query"), cstr(since, "since"), cstr(until, "until"),
            cstr(source, "source")]
    o.query, o.since, o.until, o.source = keep
    a, o.n_actors = cstr_array(actors, "actors")
    t, o.n_topics = cstr_array(topics, "topics")
    keep += [a, t]
    if a is not None:
        o.actors = ctypes.cast(a, _lib.c_char_pp)
    if t is not None:
        o.topics = ctypes.cast(t, _lib.c_char_pp)
    o.sort, o.limit, o.offset, o.per_article = SORTS[sort], limit, offset, per_article
    flags = 0 if body else FLAGS["body_to_passage"]
    for on, flag in ((facets, "facets"), (facets and facet_unit == "passages", "facet_passages"),
                     (timeline, "timeline"), (explain, "explain"), (exact, "exact"),
                     (not feedback, "no_feedback"), (typos, "typos"),
                     (fix_typos, "fix_typos")):
        if on:
            flags |= FLAGS[flag]
    o.flags = flags
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) \
                or not 0 < time_limit <= 1e9:
            raise ValueError("time_limit: seconds above 0, not %r" % (time_limit,))
        o.time_limit = float(time_limit)
    return o, keep


def make_snippet_opts(snippet, max_bytes, mark, ellipsis):
    if not snippet:
        return None, None
    s = _lib.SnippetOpts()
    s.version = _lib.SnippetOpts.VERSION
    keep = (cstr(mark[0], "mark"), cstr(mark[1], "mark"), cstr(ellipsis, "ellipsis"))
    s.open, s.close, s.ellipsis = keep
    s.max_bytes = max_bytes
    return s, keep


class Results:
    """A search's results: iterate for Hit objects, fetched one by one from the library as the
    iteration asks (lazily); counts, facets, timeline, typo suggestion. Released by close(), by
    the end of a `with` block, or with its index; one iteration per Results."""

    def __init__(self, db, handle, offset, snippet_opts, keep, want_body):
        self._db, self._h, self._offset = db, handle, offset
        self._snip, self._keep, self._body = snippet_opts, keep, want_body
        self._done = False

    def _handle(self):
        if self._h is None:
            self._db._raise_closed("results")
        return self._h

    def close(self):
        """Release the results (idempotent); the index closes open results itself."""
        with self._db._lock:
            if self._h is not None:
                lib.nx_results_free(self._h)
                self._h = None
                self._db._results.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __iter__(self):
        hit = ctypes.POINTER(_lib.Hit)()
        while True:
            with self._db._lock:
                if self._done:
                    return
                rc = lib.nx_results_next(ctypes.byref(hit), self._handle())
                if rc == Code.DONE:
                    self._done = True
                    return
                if rc < 0:
                    raise _lib.last_error(rc)
                h = Hit(hit.contents, self._offset, self._snip, self._body)
            yield h

    def _count(self, fn):
        n = ctypes.c_uint64()
        with self._db._lock:
            _lib.check(fn(ctypes.byref(n), self._handle()))
        return n.value

    @property
    def articles(self):
        """Matching articles: exact up to 1000 (or with exact=True), Xapian's estimate beyond."""
        return self._count(lib.nx_results_articles)

    @property
    def passages(self):
        """Matching passages, counted as articles is."""
        return self._count(lib.nx_results_passages)

    @property
    def articles_bounds(self):
        """(lo, hi) around the article count; equal when it is exact."""
        lo, hi = ctypes.c_uint64(), ctypes.c_uint64()
        with self._db._lock:
            _lib.check(lib.nx_results_articles_bounds(ctypes.byref(lo), ctypes.byref(hi),
                                                      self._handle()))
        return lo.value, hi.value

    def facet(self, name):
        """A list of (value, count) for one facet: "actor", "topic", "source", "said", or the
        periods "month", "week", "day" (in date order; with timeline=True every period from
        the first to the last match, 0 between). Needs facets=True or timeline=True."""
        if name not in FACETS:
            raise ValueError("facet: one of %s, not %r" % (", ".join(FACETS), name))
        f = FACETS.index(name)
        out = []
        value, count = ctypes.c_char_p(), ctypes.c_uint64()
        with self._db._lock:
            h = self._handle()
            for i in range(lib.nx_results_facet_count(h, f)):
                _lib.check(lib.nx_results_facet(ctypes.byref(value), ctypes.byref(count), h, f,
                                                i))
                out.append((text(value.value), count.value))
        return out

    @property
    def facets(self):
        """Every facet counted, as {name: [(value, count), ...]}; {} without facets=True."""
        return {name: self.facet(name) for name in FACETS}

    def timeline(self, period="month"):
        """The timeline by "day", "week" or "month": [(period, articles), ...]."""
        if period not in PERIODS:
            raise ValueError("period: day, week or month, not %r" % (period,))
        return self.facet(period)

    @property
    def suggestion(self):
        """With typos=True or fix_typos=True: the query with its typos corrected, or None."""
        with self._db._lock:
            return text(lib.nx_results_suggestion(self._handle()))

    @property
    def persons(self):
        """Actor names not in the lexicon that were searched as people."""
        with self._db._lock:
            h = self._handle()
            return [text(lib.nx_results_person(h, i))
                    for i in range(lib.nx_results_person_count(h))]
