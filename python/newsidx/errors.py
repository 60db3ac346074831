# SPDX-License-Identifier: GPL-2.0-or-later
"""Exceptions for the library's nx_ codes: every negative code becomes a NewsidxError."""

import enum


class Code(enum.IntEnum):
    """enum nx_code of include/newsidx.h."""

    OK, DONE, ERROR, ENOMEM, EINVAL, ENOTFOUND, ELOCKED = 0, 1, -1, -2, -3, -4, -5
    ECORRUPT, EQUERY, EIO, EMODIFIED, EINPUT, ELIMIT, ETIMEOUT = -6, -7, -8, -9, -10, -11, -12


class NewsidxError(Exception):
    """A failed nx_ call: .code is the nx_code (negative), .message the library's one line."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self):
        return self.message

    @property
    def name(self):
        """The code's name without NX_: "EQUERY", "ENOTFOUND"... ("ERROR" when unknown)."""
        try:
            return Code(self.code).name
        except ValueError:
            return "ERROR"


class InvalidArgumentError(NewsidxError, ValueError):
    """NX_EINVAL: a bad argument or option, a call the handle's mode does not allow."""


class ClosedError(InvalidArgumentError):
    """A call on an index (or its results) after close(): raised by the binding, code NX_EINVAL."""


class NotFoundError(NewsidxError, LookupError):
    """NX_ENOTFOUND: no such index, article, actor or topic."""


class LockedError(NewsidxError):
    """NX_ELOCKED: another writer holds the index."""


class CorruptError(NewsidxError):
    """NX_ECORRUPT: the index is damaged or not a newsidx index."""


class QueryError(NewsidxError, ValueError):
    """NX_EQUERY: a syntax error in the query; the message names the position."""


class NewsidxIOError(NewsidxError):
    """NX_EIO: an input/output error (disk full, unreadable file, unreachable shard)."""


class ModifiedError(NewsidxError):
    """NX_EMODIFIED: a writer's commits outran every retry; reopen and try again."""


class InputError(NewsidxError, ValueError):
    """NX_EINPUT: a rejected input item (bad JSON, not UTF-8, empty body, bad date)."""


class LimitError(NewsidxError, ValueError):
    """NX_ELIMIT: a documented limit was exceeded."""


class NewsidxTimeoutError(NewsidxError):
    """NX_ETIMEOUT: waited as long as allowed (write lock, remote shard, a search's
    time_limit)."""


class NoMemoryError(NewsidxError, MemoryError):
    """NX_ENOMEM: the library ran out of memory."""


_BY_CODE = {
    Code.ENOMEM: NoMemoryError,
    Code.EINVAL: InvalidArgumentError,
    Code.ENOTFOUND: NotFoundError,
    Code.ELOCKED: LockedError,
    Code.ECORRUPT: CorruptError,
    Code.EQUERY: QueryError,
    Code.EIO: NewsidxIOError,
    Code.EMODIFIED: ModifiedError,
    Code.EINPUT: InputError,
    Code.ELIMIT: LimitError,
    Code.ETIMEOUT: NewsidxTimeoutError,
}


def error_for(code, message):
    """The exception for a negative nx_code (NewsidxError itself for NX_ERROR or one unknown)."""
    return _BY_CODE.get(code, NewsidxError)(code, message)
