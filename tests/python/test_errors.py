# SPDX-License-Identifier: GPL-2.0-or-later
"""nx_ codes raised as exceptions with code and message; use after close raises."""

import pytest

import newsidx
from conftest import OWN_ARTICLES


def test_query_syntax_error(db):
    with pytest.raises(newsidx.QueryError) as e:
        db.search("ceasefire AND (")
    assert e.value.code == -7 and e.value.message and str(e.value) == e.value.message
    assert isinstance(e.value, newsidx.NewsidxError) and isinstance(e.value, ValueError)


def test_unknown_actor_names_the_nearest(db):
    with pytest.raises(newsidx.NotFoundError) as e:
        db.search("talks", actors=["lavorv"])
    assert e.value.code == -4 and "lavrov" in e.value.message


def test_bad_options(db):
    with pytest.raises(newsidx.InvalidArgumentError) as e:
        db.search("talks", since="2022-02-31")
    assert e.value.code == -3
    with pytest.raises(ValueError):
        db.search("talks", sort="alphabetical")
    with pytest.raises(ValueError):
        db.search("talks", limit=-1)
    with pytest.raises(ValueError):
        db.search("talks", time_limit=0)


def test_time_limit(db):
    with pytest.raises(newsidx.NewsidxTimeoutError) as e:
        list(db.search("ceasefire talks", time_limit=1e-9))
    assert e.value.code == -12 and "time limit" in e.value.message
    ample = [h.article_id for h in db.search("ceasefire talks", time_limit=600)]
    assert ample and ample == [h.article_id for h in db.search("ceasefire talks")]


def test_missing_index(tmp_path):
    with pytest.raises(newsidx.NotFoundError) as e:
        newsidx.open(str(tmp_path / "none.nx"))
    assert str(tmp_path / "none.nx") in e.value.message


def test_not_an_index(tmp_path):
    f = tmp_path / "file.txt"
    f.write_text("hello")
    with pytest.raises(newsidx.CorruptError) as e:
        newsidx.open(str(f))
    assert e.value.code == -6


def test_second_writer_is_locked_out(scratch):
    with newsidx.open(scratch, write=True, create=True):
        with pytest.raises(newsidx.LockedError) as e:
            newsidx.open(scratch, write=True)
        assert e.value.code == -5


def test_writes_on_a_reader_and_bad_articles(sample_db, scratch):
    with newsidx.open(sample_db) as r:
        with pytest.raises(newsidx.InvalidArgumentError):
            r.put(OWN_ARTICLES[0])
    with newsidx.open(scratch, write=True, create=True) as w:
        with pytest.raises(newsidx.InputError) as e:
            w.put(dict(OWN_ARTICLES[0], date="2022-03"))
        assert e.value.code == -10
        with pytest.raises(newsidx.InputError):
            w.put(id="empty", body="")
        with pytest.raises(newsidx.InputError):
            w.put(id="latin1", body=b"caf\xe9")
        with pytest.raises(TypeError):
            w.put(id="x", body="y", author="z")


def test_use_after_close_raises(sample_db):
    db = newsidx.open(sample_db)
    res = db.search("talks")
    db.close()
    db.close()  # idempotent
    assert db.closed
    for call in (lambda: db.search("talks"), lambda: db.get("sample-001"), db.stats,
                 db.reopen, lambda: list(res), lambda: res.articles):
        with pytest.raises(newsidx.ClosedError) as e:
            call()
        assert e.value.code == -3 and sample_db in e.value.message


def test_date_parse():
    assert newsidx.date_parse("2024-02", end=True) == "2024-02-29"
    assert newsidx.date_parse("2022") == "2022-01-01"
    with pytest.raises(newsidx.InvalidArgumentError):
        newsidx.date_parse("2022-02-31")
