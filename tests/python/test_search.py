# SPDX-License-Identifier: GPL-2.0-or-later
"""Searching through the binding: hits, the actor filter, facets, timeline, get, and the same
results as newsidx-query --json."""

import collections
import ctypes
import json
import os
import subprocess

import pytest

import newsidx


def all_hits(db, query=None, **kw):
    kw.setdefault("limit", 1000)
    kw.setdefault("per_article", 1000)
    return list(db.search(query, **kw))


def test_library_is_loaded_with_the_gil_released():
    # ctypes.CDLL (not PyDLL) functions release the GIL for the length of each call.
    assert isinstance(newsidx._lib.lib, ctypes.CDLL)
    assert not isinstance(newsidx._lib.lib, ctypes.PyDLL)
    assert newsidx.version().split(".")[0] == str(newsidx._lib.ABI_MAJOR)


def test_hits_are_the_passages_that_match(db):
    hits = list(db.search("ceasefire", limit=8))
    assert hits, "no hit for 'ceasefire' in sample/"
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert all(a.score >= b.score for a, b in zip(hits, hits[1:]))
    for h in hits:
        words = [h.passage[m.start:m.end].lower().replace("-", "") for m in h.matches
                 if m.kind == "word" and m.key == "ceasefire"]
        assert any(w.startswith("ceasefire") for w in words), (h, h.matches)
        # the passage is the stored article's body[start:end] (byte offsets)
        body = db.get(h.article_id).body.encode("utf-8")
        assert body[h.start:h.end].decode("utf-8") == h.passage
        assert "[" in h.snippet and "]" in h.snippet
        d = h.as_dict()
        assert d["article_id"] == h.article_id and d["matches"][0]["key"] == h.matches[0].key
        json.dumps(d)


def test_paging_and_per_article(db):
    first = [(h.article_id, h.start) for h in db.search("talks", limit=6)]
    page2 = [(h.article_id, h.start) for h in db.search("talks", limit=3, offset=3)]
    assert first[3:] == page2
    for h in db.search("talks", limit=3, offset=3):
        assert h.rank >= 4
    ids = [h.article_id for h in db.search("talks", limit=50, per_article=1)]
    assert len(ids) == len(set(ids))


def test_actor_filter_any_spelling(db):
    hits = all_hits(db, "talks", actors=["lavrov"])
    assert hits
    assert all("lavrov" in h.actors for h in hits)
    cyr = all_hits(db, "talks", actors=["Лавров"])
    assert [(h.article_id, h.start) for h in cyr] == [(h.article_id, h.start) for h in hits]
    everyone = all_hits(db, "talks OR said OR the")
    with_lavrov = {h.article_id for h in everyone if "lavrov" in h.actors}
    assert with_lavrov <= {h.article_id for h in all_hits(db, actors=["lavrov"])}
    assert len({h.article_id for h in everyone}) > len(with_lavrov)


def test_dates_sort_and_source(db):
    hits = all_hits(db, "talks", since="2022-03-20", until="2022-03", sort="date")
    assert hits
    assert all("2022-03-20" <= h.date <= "2022-03-31" for h in hits)
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True)
    herald = all_hits(db, "talks", source="Herald")
    assert herald and all("Herald" in h.source for h in herald)


def distinct_articles(hits):
    return {h.article_id: h for h in hits}.values()


def test_facets_count_the_matching_articles(db):
    r = db.search("ceasefire OR talks", facets=True, exact=True)
    hits = all_hits(db, "ceasefire OR talks")
    arts = distinct_articles(hits)
    assert r.articles == len(arts)
    assert r.passages == len(hits)
    by_source = collections.Counter(h.source for h in arts if h.source)
    assert dict(r.facet("source")) == dict(by_source)
    by_month = collections.Counter(h.date[:7] for h in arts if h.date)
    assert dict(r.facets["month"]) == dict(by_month)
    actor_arts = collections.Counter(a for aid in {h.article_id for h in hits}
                                     for a in {a for h in hits if h.article_id == aid
                                               for a in h.actors})
    assert dict(r.facet("actor")) == dict(actor_arts)
    passages = db.search("ceasefire OR talks", facets=True, facet_unit="passages", exact=True)
    src_passages = collections.Counter(h.source for h in hits if h.source)
    assert dict(passages.facet("source")) == dict(src_passages)


def test_no_facets_without_the_flag(db):
    r = db.search("ceasefire")
    assert r.facet("actor") == []
    with pytest.raises(ValueError):
        r.facet("colour")


def test_timeline_lists_every_period(db):
    r = db.search("talks OR gas OR dockers", timeline=True, exact=True)
    months = r.timeline("month")
    arts = distinct_articles(all_hits(db, "talks OR gas OR dockers"))
    dated = collections.Counter(h.date[:7] for h in arts if h.date)
    assert months[0][0] == min(dated) and months[-1][0] == max(dated)
    assert {m: c for m, c in months if c} == dict(dated)
    assert 0 in [c for _, c in months], "the harbour articles of 2023 leave a gap"
    y, m = map(int, months[0][0].split("-"))
    for name, _ in months:  # consecutive months
        assert name == "%04d-%02d" % (y, m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    assert sum(c for _, c in r.timeline("day")) == sum(dated.values())
    assert all(w[0][4:6] == "-W" for w in r.timeline("week"))


def test_get_returns_the_article(db):
    from conftest import OWN_ARTICLES
    for want in OWN_ARTICLES:
        a = db.get(want["id"])
        assert a.as_dict() == want
    with pytest.raises(newsidx.NotFoundError) as e:
        db.get("no-such-article")
    assert e.value.code == -4 and "no-such-article" in e.value.message


def test_lexicon(db):
    actors = db.lexicon("actor")
    assert "lavrov" in actors and "Лавров" in actors["lavrov"]
    assert db.resolve("Sergey Lavrov") == "lavrov"
    assert db.resolve("Nobody Atall") is None
    assert db.suggest("lavorv")[0] == "lavrov"
    st = db.stats()
    assert st["articles"] == len(distinct_articles(all_hits(db, "the OR a OR dockers"))) or \
        st["articles"] > 20


def test_typos(db):
    r = db.search("ceasfire", typos=True)
    assert r.suggestion == "ceasefire"
    fixed = list(db.search("ceasfire", fix_typos=True))
    assert [h.article_id for h in fixed] == [h.article_id for h in db.search("ceasefire")]


def test_same_results_as_the_cli(sample_db, db):
    query = os.environ.get("NX_QUERY")
    if not query:
        pytest.skip("NX_QUERY (the built newsidx-query) not set: run through ctest")
    out = subprocess.run([query, "--db", sample_db, "--json", "--actor", "lavrov", "-n", "5",
                          "--offset", "2", "talks"], check=True, capture_output=True,
                         text=True).stdout
    cli = [json.loads(line) for line in out.splitlines()]
    cli = [(o["rank"], o["article_id"], o["start"], o["end"]) for o in cli
           if o["type"] == "result"]
    py = [(h.rank, h.article_id, h.start, h.end)
          for h in db.search("talks", actors=["lavrov"], limit=5, offset=2)]
    assert cli and py == cli


def test_lazy_iteration_can_stop_early(db):
    r = db.search("talks", limit=50)
    it = iter(r)
    first = next(it)
    r.close()
    with pytest.raises(newsidx.ClosedError):
        next(it)
    assert first.rank == 1
