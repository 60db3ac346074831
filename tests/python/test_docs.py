# SPDX-License-Identifier: GPL-2.0-or-later
"""The Python examples of README.md and docs/python.md run as written (on the sample archive)
and print what they promise: hits."""

import contextlib
import io
import os
import re

import pytest

from conftest import SRC, sample_paths


def python_blocks(doc):
    with open(os.path.join(SRC, doc), encoding="utf-8") as f:
        return re.findall(r"```python\n(.*?)```", f.read(), re.S)


@pytest.mark.parametrize("doc", ["README.md", "docs/python.md"])
def test_examples_run(doc, sample_db, tmp_path):
    blocks = python_blocks(doc)
    assert blocks, "no ```python example in " + doc
    for code in blocks:
        code = code.replace('"sample.nx"', repr(sample_db))
        code = code.replace('"news.nx"', repr(str(tmp_path / "news.nx")))
        code = code.replace('["archive/"]', repr(sample_paths()))
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, doc, "exec"), {})
        lines = out.getvalue().splitlines()
        assert len(lines) >= 2 and lines[0].startswith("1 "), (doc, lines)
