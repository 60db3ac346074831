# SPDX-License-Identifier: GPL-2.0-or-later
"""Writing through the binding: put (added, replaced, unchanged), delete, batches, ingest with
its diagnostics, and what a reader sees after a commit."""

import gc
import json
import os

import pytest

import newsidx
from conftest import OWN_ARTICLES, sample_paths


def ids(db, query, **kw):
    return sorted({h.article_id for h in db.search(query, limit=100, **kw)})


def test_put_get_delete(scratch):
    with newsidx.open(scratch, write=True, create=True) as w:
        for a in OWN_ARTICLES:
            outcome, passages = w.put(a)
            assert outcome == "added" and passages >= 1
        assert w.put(newsidx.Article(**OWN_ARTICLES[0]))[0] == "unchanged"
        changed = dict(OWN_ARTICLES[0], body=OWN_ARTICLES[0]["body"] + "\n\nA tug was damaged.")
        assert w.put(**changed)[0] == "replaced"
        derived = w.put(body="A lighthouse keeper retired after forty years.")
        assert derived[0] == "added"
        w.commit()
        with newsidx.open(scratch) as r:
            assert ids(r, "dockers") == ["py-harbour-1", "py-harbour-2"]
            assert ids(r, "tug") == ["py-harbour-1"]
            assert r.get("py-harbour-1").body == changed["body"]
            lighthouse = ids(r, "lighthouse")
            assert len(lighthouse) == 1 and lighthouse[0]  # an id derived from the content
            w.delete("py-harbour-1")
            w.commit()
            assert ids(r, "dockers") == ["py-harbour-1", "py-harbour-2"]  # its old revision
            r.reopen()
            assert ids(r, "dockers") == ["py-harbour-2"]
            with pytest.raises(newsidx.NotFoundError):
                r.get("py-harbour-1")
        with pytest.raises(newsidx.NotFoundError) as e:
            w.delete("py-harbour-1")
        assert e.value.code == -4


def test_batch_commits_or_cancels(scratch):
    with newsidx.open(scratch, write=True, create=True) as w:
        with w.batch():
            w.put(OWN_ARTICLES[0])
        with pytest.raises(RuntimeError):
            with w.batch():
                w.put(OWN_ARTICLES[1])
                raise RuntimeError("cancel this batch")
        with pytest.raises(newsidx.InvalidArgumentError):
            w.cancel()  # no batch open
    with newsidx.open(scratch) as r:
        assert ids(r, "dockers") == ["py-harbour-1"]


def test_context_manager_discards_a_writer_on_an_exception(scratch):
    with newsidx.open(scratch, write=True, create=True) as w:
        w.put(OWN_ARTICLES[0])
    with pytest.raises(KeyError):
        with newsidx.open(scratch, write=True, batch_articles=1000) as w:
            w.put(OWN_ARTICLES[1])
            raise KeyError("leave without committing")
    assert w.closed
    with newsidx.open(scratch) as r:
        assert ids(r, "dockers") == ["py-harbour-1"]


def test_an_unclosed_writer_warns_and_commits_nothing(scratch):
    with newsidx.open(scratch, write=True, create=True) as w:
        w.put(OWN_ARTICLES[0])
    w = newsidx.open(scratch, write=True, batch_articles=1000)
    w.put(OWN_ARTICLES[1])
    with pytest.warns(ResourceWarning, match="unclosed"):
        del w
        gc.collect()
    with newsidx.open(scratch) as r:
        assert ids(r, "dockers") == ["py-harbour-1"]


def test_ingest_reports_bad_lines_and_goes_on(scratch, tmp_path):
    bad = tmp_path / "mixed.jsonl"
    lines = [json.dumps(OWN_ARTICLES[0]), "{not json", json.dumps(dict(OWN_ARTICLES[1],
                                                                       date="2023-02-30"))]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    seen = []
    progress = []
    with newsidx.open(scratch, write=True, create=True) as w:
        st = w.ingest([str(bad)], on_progress=progress.append)
        assert not st.ok
        assert st.articles_added == 1 and st.articles_skipped == 2
        assert [(os.path.basename(d.path), d.line) for d in st.diagnostics
                if d.code < 0] == [("mixed.jsonl", 2), ("mixed.jsonl", 3)]
        assert all(d.code == -10 and d.message for d in st.diagnostics)
        st = w.ingest(sample_paths(), on_diag=seen.append)
        assert st.ok and st.articles_added > 20 and seen == []
    assert progress and progress[-1]["articles"] >= 1


def test_ingest_callback_exception_is_raised(scratch):
    def boom(_):
        raise ZeroDivisionError("from the callback")

    with newsidx.open(scratch, write=True, create=True) as w:
        with pytest.raises(ZeroDivisionError):
            w.ingest(sample_paths(), on_progress=boom)


def test_check_and_stats(scratch):
    with newsidx.open(scratch, write=True, create=True) as w:
        for a in OWN_ARTICLES:
            w.put(a)
    newsidx.check(scratch)
    with newsidx.open(scratch) as r:
        st = r.stats()
        assert st["articles"] == 2 and st["passages"] >= 2 and st["lexicon"]


def test_a_sharded_index(scratch):
    with newsidx.open(scratch, write=True, create=True, shards=2) as w:
        st = w.ingest(sample_paths())
        assert st.ok and st.articles_added > 20
        for a in OWN_ARTICLES:
            w.put(a)
    with pytest.raises(newsidx.InvalidArgumentError):
        newsidx.open(scratch, write=True, shards=3)
    with newsidx.open(scratch) as r:
        assert ids(r, "dockers") == ["py-harbour-1", "py-harbour-2"]
        assert r.stats()["articles"] == st.articles_added + 2
    with newsidx.open(scratch, write=True) as w:
        w.merge()
    with newsidx.open(scratch) as r:  # one index now: a reader of the shards opens it anew
        assert ids(r, "dockers") == ["py-harbour-1", "py-harbour-2"]
        assert r.stats()["articles"] == st.articles_added + 2
