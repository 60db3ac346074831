# SPDX-License-Identifier: GPL-2.0-or-later
"""examples/python_server.py: started on a free port, asked over HTTP."""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from conftest import SRC


@pytest.fixture(scope="module")
def server(sample_db):
    p = subprocess.Popen([sys.executable, os.path.join(SRC, "examples", "python_server.py"),
                          "--db", sample_db, "--port", "0", "--readers", "2"],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert line.startswith("listening on http://"), line
    yield line.split()[-1]
    p.terminate()
    p.wait()
    p.stdout.close()


def get(base, path):
    try:
        with urllib.request.urlopen(base + path) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as e:
        return e.code, json.load(e)


def test_search_with_actor_and_facets(server, db):
    status, doc = get(server, "/search?q=talks&actor=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2"
                              "&facets=1&limit=5")
    assert status == 200
    want = [(h.article_id, h.start) for h in db.search("talks", actors=["lavrov"], limit=5)]
    assert [(o["article_id"], o["start"]) for o in doc["results"]] == want
    assert all("lavrov" in o["actors"] for o in doc["results"])
    assert doc["total"] == db.search("talks", actors=["lavrov"]).articles
    assert {"name": "lavrov", "count": doc["total"]} in doc["facets"]["actor"]


def test_article_and_errors(server):
    status, doc = get(server, "/articles/py-harbour-2")
    assert status == 200 and doc["source"] == "Saltmarsh Courier"
    status, doc = get(server, "/articles/nothing-here")
    assert status == 404 and doc["error"]["code"] == "ENOTFOUND"
    status, doc = get(server, "/search?q=ceasefire+AND+(")
    assert status == 400 and doc["error"]["code"] == "EQUERY"
    status, doc = get(server, "/search?q=x&limit=ten")
    assert status == 400 and "limit" in doc["error"]["message"]
    status, doc = get(server, "/search?q=x&colour=red")
    assert status == 400 and "colour" in doc["error"]["message"]
    assert get(server, "/nowhere")[0] == 404
    assert get(server, "/health")[1]["status"] == "ok"
