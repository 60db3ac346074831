# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared fixtures for the binding's tests: an index of the repository's sample/ archive plus
a few articles written here, built once per test run through the binding itself."""

import os
import shutil

import pytest

import newsidx

SRC = os.environ.get("NX_SRC") or os.path.abspath(os.path.join(os.path.dirname(__file__),
                                                               "..", ".."))

# Written for these tests: a fictional harbour town, so no word of it is in sample/.
OWN_ARTICLES = [
    {"id": "py-harbour-1", "title": "Harbour cranes idle as dockers vote on pay offer",
     "date": "2023-05-02", "source": "Saltmarsh Courier", "url": "https://courier.example/1",
     "body": "Dockers at Saltmarsh harbour voted on Tuesday on a pay offer from the port "
             "authority.\n\nThe cranes stood idle for a second day while the ballot was "
             "counted, and three freighters waited in the outer roads."},
    {"id": "py-harbour-2", "title": "Freighters leave Saltmarsh after dockers accept pay deal",
     "date": "2023-05-04", "source": "Saltmarsh Courier", "url": "https://courier.example/2",
     "body": "The three freighters that waited off Saltmarsh sailed on Thursday after the "
             "dockers accepted a revised pay deal.\n\nThe port authority said the cranes would "
             "work double shifts until the backlog of containers is cleared."},
]


def sample_paths():
    return [os.path.join(SRC, "sample")]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """Path of a read-only index: sample/ and OWN_ARTICLES."""
    path = str(tmp_path_factory.mktemp("py") / "sample.nx")
    with newsidx.open(path, write=True, create=True) as db:
        stats = db.ingest(sample_paths())
        assert stats.ok, stats.diagnostics
        assert stats.articles_added > 20
        for a in OWN_ARTICLES:
            assert db.put(a)[0] == "added"
    return path


@pytest.fixture
def db(sample_db):
    with newsidx.open(sample_db) as d:
        yield d


@pytest.fixture
def scratch(tmp_path):
    """Path for a new index of a test's own; removed afterwards."""
    path = str(tmp_path / "scratch.nx")
    yield path
    shutil.rmtree(path, ignore_errors=True)
