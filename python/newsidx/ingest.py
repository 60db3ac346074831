# SPDX-License-Identifier: GPL-2.0-or-later
"""Bulk ingest from files (nx_db_ingest): options, callbacks, statistics."""

import ctypes
from dataclasses import dataclass, field
from typing import List

from . import _lib
from .errors import Code
from ._lib import lib, text, cstr

FLAGS = {"prune": 1 << 0, "compact": 1 << 1, "merge": 1 << 2}


@dataclass
class Diag:
    """One problem with one input item (code < 0), or a notice (code 0): reported, skipped,
    and the work went on."""

    path: str
    line: int
    code: int
    message: str


@dataclass
class IngestStats:
    """What an ingest run did (the fields of nx_ingest_stats, include/newsidx.h), the
    diagnostics it reported (when no on_diag callback was given), and ok: True when everything
    was indexed (NX_OK), False when some input was skipped (NX_EINPUT)."""

    ok: bool = True
    diagnostics: List[Diag] = field(default_factory=list)
    files: int = 0
    articles_added: int = 0
    articles_replaced: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    articles_skipped: int = 0
    skipped_json: int = 0
    skipped_encoding: int = 0
    skipped_too_large: int = 0
    skipped_unreadable: int = 0
    skipped_duplicate: int = 0
    passages: int = 0
    boilerplate_paragraphs: int = 0
    input_bytes: int = 0
    index_bytes: int = 0
    records_ignored: int = 0
    files_skipped: int = 0


def run(db_handle, paths, prune, compact, merge, field_map, on_diag, on_progress):
    """nx_db_ingest on an open writer's handle; the caller holds the index's lock."""
    if isinstance(paths, (str, bytes)):
        paths = [paths]
    arr, n = _lib.cstr_array([p if isinstance(p, (str, bytes)) else str(p) for p in paths],
                             "paths")
    result = IngestStats()
    raised = []  # an exception in a callback: re-raised when nx_db_ingest returns

    def diag_cb(p, _payload):
        d = p.contents
        item = Diag(text(d.path), d.line, d.code, text(d.message))
        try:
            if on_diag is None:
                result.diagnostics.append(item)
            else:
                on_diag(item)
        except BaseException as e:  # noqa: B902 - must not cross into C
            raised.append(e)

    def progress_cb(p, _payload):
        pr = p.contents
        try:
            on_progress({n: getattr(pr, n) for n, _ in _lib.Progress._fields_})
        except BaseException as e:  # noqa: B902
            raised.append(e)

    opts = _lib.IngestOpts()
    opts.version = _lib.IngestOpts.VERSION
    opts.flags = sum(FLAGS[k] for k, on in (("prune", prune), ("compact", compact),
                                             ("merge", merge)) if on)
    keep = cstr(field_map, "field_map")
    opts.field_map = keep
    dfn = _lib.DiagFn(diag_cb)
    pfn = _lib.ProgressFn(progress_cb) if on_progress else _lib.ProgressFn()
    opts.on_diag, opts.on_progress = dfn, pfn
    st = _lib.IngestStats()
    rc = lib.nx_db_ingest(ctypes.byref(st), db_handle, ctypes.cast(arr, _lib.c_char_pp), n,
                          ctypes.byref(opts))
    err = _lib.last_error(rc) if rc < 0 and rc != Code.EINPUT else None
    if raised:
        raise raised[0]
    if err is not None:
        raise err
    for name in _lib.INGEST_STATS_FIELDS:
        setattr(result, name, getattr(st, name))
    result.ok = rc == 0
    return result
