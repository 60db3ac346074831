# SPDX-License-Identifier: GPL-2.0-or-later
"""Searches from several Python threads at once give the same results as one thread, and the
library runs with the GIL released (another thread goes on during a call)."""

import threading

import newsidx
from conftest import OWN_ARTICLES

QUERIES = [dict(query="ceasefire"), dict(query="talks", actors=["lavrov"]),
           dict(query="gas OR oil", since="2022-03", sort="date"),
           dict(query="dockers", facets=True), dict(topics=["nato"])]


def run_all(db):
    out = []
    for q in QUERIES:
        r = db.search(limit=20, **q)
        out.append([(h.rank, h.article_id, h.start, h.end, h.snippet) for h in r])
        out.append(r.facets)
    return out


def in_threads(n, fn):
    errors, threads = [], []

    def wrap(i):
        try:
            fn(i)
        except BaseException as e:  # noqa: B902 - reported by the main thread
            errors.append(e)

    for i in range(n):
        threads.append(threading.Thread(target=wrap, args=(i,)))
        threads[-1].start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_threads_with_their_own_handles(sample_db):
    with newsidx.open(sample_db) as db:
        want = run_all(db)
    assert any(want[0]) and want[6]

    def worker(_):
        with newsidx.open(sample_db) as db:
            for _ in range(25):
                assert run_all(db) == want

    in_threads(4, worker)


def test_threads_sharing_one_handle(sample_db):
    with newsidx.open(sample_db) as db:
        want = run_all(db)

        def worker(_):
            for _ in range(15):
                assert run_all(db) == want

        in_threads(4, worker)


def test_the_gil_is_released_during_a_call(scratch):
    # A second writer waits inside nx_db_open for the lock; only a thread that runs meanwhile
    # can release it. Were the GIL held through the call, the main thread could not close the
    # first writer and the open would end in LockedError after lock_timeout.
    first = newsidx.open(scratch, write=True, create=True)
    first.put(OWN_ARTICLES[0])
    waiting = threading.Event()
    got = []

    def second():
        waiting.set()
        with newsidx.open(scratch, write=True, lock_timeout=120) as w:
            got.append(w.put(OWN_ARTICLES[1])[0])

    t = threading.Thread(target=second)
    t.start()
    waiting.wait()
    threading.Event().wait(0.3)  # let the thread enter the library's wait
    first.close()
    t.join()
    assert got == ["added"]
