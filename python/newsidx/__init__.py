# SPDX-License-Identifier: GPL-2.0-or-later
"""newsidx: passage search for news archives, from Python (ctypes over libnewsidx).

    import newsidx
    with newsidx.open("news.nx") as db:
        for hit in db.search("ceasefire talks", actors=["lavrov"], limit=5):
            print(hit.rank, hit.title, hit.snippet)

docs/python.md describes the whole binding; include/newsidx.h is the contract underneath.
"""

import ctypes
import os

from . import _lib
from .article import Article
from .db import Db
from .errors import (ClosedError, Code, CorruptError, InputError, InvalidArgumentError, LimitError,
                     LockedError, ModifiedError, NewsidxError, NewsidxIOError,
                     NewsidxTimeoutError, NoMemoryError, NotFoundError, QueryError)
from .ingest import Diag, IngestStats
from .search import Hit, Match, Results

__all__ = ["open", "check", "repair", "date_parse", "version", "library_path", "Db", "Article",
           "Hit", "Match", "Results", "Diag", "IngestStats", "Code", "NewsidxError",
           "InvalidArgumentError", "ClosedError", "NotFoundError", "LockedError", "CorruptError",
           "QueryError", "NewsidxIOError", "ModifiedError", "InputError", "LimitError",
           "NewsidxTimeoutError", "NoMemoryError"]


def open(path, write=False, create=False, **opts):  # noqa: A001 - newsidx.open, as io.open
    """Open the index at `path`: a reader by default; write=True a writer (create=True makes
    the index when missing). Options: lock_timeout (writer: seconds to wait for the lock),
    lexicon (writer: lexicon file), batch_articles, batch_bytes, shards (writer: split a new
    index), timeout (reader: remote shards). The Db is a context manager."""
    return Db(path, write=write, create=create, **opts)


def check(path):
    """Check the index at `path` (nx_db_check): None, or CorruptError naming the problem."""
    _lib.check(_lib.lib.nx_db_check(_lib.cstr(os.fspath(path), "path")))


def repair(path, lexicon=None):
    """Rebuild a damaged index from its stored articles (nx_db_repair): returns
    {"articles", "passages", "damaged"}."""
    st = _lib.RepairStats()
    lex = _lib.cstr(os.fspath(lexicon), "lexicon") if lexicon is not None else None
    _lib.check(_lib.lib.nx_db_repair(ctypes.byref(st), _lib.cstr(os.fspath(path), "path"), lex))
    return {"articles": st.articles, "passages": st.passages, "damaged": st.damaged}


def date_parse(s, end=False):
    """A date as the library reads it (YYYY, YYYY-MM, YYYY-MM-DD) as the day "YYYY-MM-DD" it
    starts (end=True: ends) on; InvalidArgumentError when it is not one."""
    day = (ctypes.c_char * 11)()
    _lib.check(_lib.lib.nx_date_parse(day, _lib.cstr(s, "date"), end))
    return day.value.decode("ascii")


def version():
    """The loaded library's version, "major.minor.patch"."""
    return _lib.text(_lib.lib.nx_version())


def library_path():
    """The file the binding loaded libnewsidx from."""
    return _lib.lib._name


__version__ = version()
