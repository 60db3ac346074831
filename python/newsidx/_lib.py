# SPDX-License-Identifier: GPL-2.0-or-later
"""libnewsidx through ctypes: finding the shared library, the structs and the prototypes of
include/newsidx.h. The library is loaded with ctypes.CDLL, so every call releases the GIL
while it runs (other Python threads go on) and takes it back to return or to run a callback.
"""

import ctypes
import ctypes.util
import os

from . import errors

# The library major version (SONAME libnewsidx.so.0) this binding's structs match.
ABI_MAJOR = 0
SONAME = "libnewsidx.so.%d" % ABI_MAJOR

_here = os.path.dirname(os.path.abspath(__file__))


def _candidates():
    """Where to look, in order: $NEWSIDX_LIB, the install beside this package, the source
    tree's build/ (the package used as python/newsidx), then the system's loader paths."""
    env = os.environ.get("NEWSIDX_LIB")
    if env:
        yield os.path.join(env, SONAME) if os.path.isdir(env) else env
        return
    try:
        from . import _install  # written by `cmake --install`: the libdir relative to us
        yield os.path.normpath(os.path.join(_here, _install.LIBDIR_FROM_PACKAGE, SONAME))
    except ImportError:
        pass
    build = os.path.normpath(os.path.join(_here, "..", "..", "build", "lib", SONAME))
    if os.path.exists(build):
        yield build
    yield ctypes.util.find_library("newsidx") or SONAME


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("newsidx: cannot load libnewsidx; tried " + "; ".join(tried)
                      + " (set NEWSIDX_LIB to the library's path)")


lib = _load()

c_char_pp = ctypes.POINTER(ctypes.c_char_p)
c_int, c_uint, c_size_t, c_double = ctypes.c_int, ctypes.c_uint, ctypes.c_size_t, ctypes.c_double
c_u64, c_void_p, c_char_p, c_bool = ctypes.c_uint64, ctypes.c_void_p, ctypes.c_char_p, ctypes.c_bool


class Error(ctypes.Structure):
    _fields_ = [("code", c_int), ("message", c_char_p)]


class OpenOpts(ctypes.Structure):
    VERSION = 2
    _fields_ = [("version", c_uint), ("flags", c_uint), ("lock_timeout", c_double),
                ("lexicon_path", c_char_p), ("batch_articles", c_size_t),
                ("batch_bytes", c_size_t), ("shards", c_uint), ("timeout", c_double)]


class Article(ctypes.Structure):
    # body is a pointer with a length (body_len), not a NUL-terminated string
    _fields_ = [("id", c_char_p), ("title", c_char_p), ("date", c_char_p),
                ("source", c_char_p), ("url", c_char_p), ("body", c_void_p),
                ("body_len", c_size_t)]


class Diag(ctypes.Structure):
    _fields_ = [("path", c_char_p), ("line", ctypes.c_ulong), ("code", c_int),
                ("message", c_char_p)]


class Progress(ctypes.Structure):
    _fields_ = [(n, c_u64) for n in ("files_done", "files_total", "articles", "passages",
                                     "bytes_done", "bytes_total")]


DiagFn = ctypes.CFUNCTYPE(None, ctypes.POINTER(Diag), c_void_p)
ProgressFn = ctypes.CFUNCTYPE(None, ctypes.POINTER(Progress), c_void_p)


class IngestOpts(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("flags", c_uint), ("field_map", c_char_p),
                ("on_diag", DiagFn), ("on_progress", ProgressFn), ("payload", c_void_p)]


INGEST_STATS_FIELDS = (
    "files", "articles_added", "articles_replaced", "articles_unchanged", "articles_removed",
    "articles_skipped", "skipped_json", "skipped_encoding", "skipped_too_large",
    "skipped_unreadable", "skipped_duplicate", "passages", "boilerplate_paragraphs",
    "input_bytes", "index_bytes", "records_ignored", "files_skipped")


class IngestStats(ctypes.Structure):
    _fields_ = [(n, c_u64) for n in INGEST_STATS_FIELDS]


class RepairStats(ctypes.Structure):
    _fields_ = [("articles", c_u64), ("passages", c_u64), ("damaged", c_u64)]


class Stats(ctypes.Structure):
    _fields_ = [("articles", c_u64), ("passages", c_u64), ("terms", c_u64),
                ("index_bytes", c_u64), ("avg_passage_len", c_double), ("lexicon", c_char_p)]


class SearchOpts(ctypes.Structure):
    VERSION = 2
    _fields_ = [("version", c_uint), ("query", c_char_p), ("actors", c_char_pp),
                ("n_actors", c_size_t), ("topics", c_char_pp), ("n_topics", c_size_t),
                ("since", c_char_p), ("until", c_char_p), ("source", c_char_p),
                ("sort", c_int), ("offset", c_size_t), ("limit", c_size_t),
                ("per_article", c_size_t), ("flags", c_uint), ("time_limit", c_double)]


class Match(ctypes.Structure):
    _fields_ = [("start", c_size_t), ("end", c_size_t), ("kind", c_int), ("key", c_char_p)]


class Hit(ctypes.Structure):
    _fields_ = [("rank", c_size_t), ("score", c_double), ("article_id", c_char_p),
                ("title", c_char_p), ("date", c_char_p), ("source", c_char_p),
                ("url", c_char_p), ("body", c_void_p), ("body_len", c_size_t),
                ("start", c_size_t), ("end", c_size_t), ("matches", ctypes.POINTER(Match)),
                ("n_matches", c_size_t), ("actors", c_char_pp), ("n_actors", c_size_t),
                ("actor_spellings", c_char_pp), ("topics", c_char_pp), ("n_topics", c_size_t),
                ("explain", c_char_p), ("speakers", c_char_pp), ("n_speakers", c_size_t),
                ("passage_end", c_size_t), ("said", c_char_pp), ("n_said", c_size_t)]


class SnippetOpts(ctypes.Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("open", c_char_p), ("close", c_char_p),
                ("max_bytes", c_size_t), ("ellipsis", c_char_p)]


P = ctypes.POINTER
_PROTOTYPES = {
    # name: (restype, argtypes)
    "nx_error_last": (P(Error), []),
    "nx_strerror": (c_char_p, [c_int]),
    "nx_version": (c_char_p, []),
    "nx_free": (None, [c_void_p]),
    "nx_date_parse": (c_int, [ctypes.c_char * 11, c_char_p, c_bool]),
    "nx_db_open": (c_int, [P(c_void_p), c_char_p, P(OpenOpts)]),
    "nx_db_close": (c_int, [c_void_p]),
    "nx_db_free": (None, [c_void_p]),
    "nx_db_reopen": (c_int, [c_void_p]),
    "nx_db_path": (c_char_p, [c_void_p]),
    "nx_db_put": (c_int, [P(c_int), P(c_size_t), c_void_p, P(Article)]),
    "nx_db_delete": (c_int, [c_void_p, c_char_p]),
    "nx_db_get": (c_int, [P(P(Article)), c_void_p, c_char_p]),
    "nx_db_begin": (c_int, [c_void_p]),
    "nx_db_commit": (c_int, [c_void_p]),
    "nx_db_cancel": (c_int, [c_void_p]),
    "nx_db_ingest": (c_int, [P(IngestStats), c_void_p, c_char_pp, c_size_t, P(IngestOpts)]),
    "nx_db_compact": (c_int, [c_void_p]),
    "nx_db_merge": (c_int, [c_void_p]),
    "nx_db_check": (c_int, [c_char_p]),
    "nx_db_repair": (c_int, [P(RepairStats), c_char_p, c_char_p]),
    "nx_db_stats": (c_int, [P(Stats), c_void_p]),
    "nx_db_lexicon_count": (c_size_t, [c_void_p, c_int]),
    "nx_db_lexicon_key": (c_char_p, [c_void_p, c_int, c_size_t]),
    "nx_db_lexicon_resolve": (c_char_p, [c_void_p, c_int, c_char_p]),
    "nx_db_lexicon_variant_count": (c_size_t, [c_void_p, c_int, c_size_t]),
    "nx_db_lexicon_variant": (c_char_p, [c_void_p, c_int, c_size_t, c_size_t]),
    "nx_db_lexicon_suggest": (c_size_t, [c_char_pp, c_size_t, c_void_p, c_int, c_char_p]),
    "nx_search": (c_int, [P(c_void_p), c_void_p, P(SearchOpts)]),
    "nx_results_next": (c_int, [P(P(Hit)), c_void_p]),
    "nx_results_passages": (c_int, [P(c_u64), c_void_p]),
    "nx_results_articles": (c_int, [P(c_u64), c_void_p]),
    "nx_results_articles_bounds": (c_int, [P(c_u64), P(c_u64), c_void_p]),
    "nx_results_facet_count": (c_size_t, [c_void_p, c_int]),
    "nx_results_facet": (c_int, [P(c_char_p), P(c_u64), c_void_p, c_int, c_size_t]),
    "nx_results_suggestion": (c_char_p, [c_void_p]),
    "nx_results_person_count": (c_size_t, [c_void_p]),
    "nx_results_person": (c_char_p, [c_void_p, c_size_t]),
    "nx_results_free": (None, [c_void_p]),
    "nx_snippet": (c_int, [P(c_void_p), P(Hit), P(SnippetOpts)]),
}
for _name, (_res, _args) in _PROTOTYPES.items():
    _f = getattr(lib, _name)
    _f.restype, _f.argtypes = _res, _args


def text(b):
    """A C string from the library as str (None stays None)."""
    return None if b is None else b.decode("utf-8", "replace")


def cstr(s, what="argument"):
    """A str (or bytes, or None) as the UTF-8 bytes the library takes."""
    if s is None or isinstance(s, bytes):
        return s
    if isinstance(s, str):
        return s.encode("utf-8")
    raise TypeError("%s: expected str, got %s" % (what, type(s).__name__))


def cstr_array(items, what):
    """A list of str as (const char *const *, n), keeping the bytes alive in the array."""
    if items is None:
        return None, 0
    if isinstance(items, (str, bytes)):
        items = [items]
    enc = [cstr(s, what) for s in items]
    arr = (c_char_p * max(len(enc), 1))(*enc)
    return arr, len(enc)


def last_error(code):
    """The calling thread's last error as an exception (code from the call's return)."""
    e = lib.nx_error_last().contents
    msg = text(e.message) or text(lib.nx_strerror(code))
    return errors.error_for(code, msg)


def check(rc):
    """Raise the thread's last error for a negative return; return rc otherwise."""
    if rc < 0:
        raise last_error(rc)
    return rc
