# SPDX-License-Identifier: GPL-2.0-or-later
"""`cmake --install` puts the package where the prefix's python3 finds it, and the installed
package loads the installed libnewsidx by itself (no NEWSIDX_LIB, no ldconfig)."""

import glob
import os
import subprocess
import sys

import pytest


def test_installed_package_finds_its_library(tmp_path, sample_db):
    build, cmake = os.environ.get("NX_BUILD"), os.environ.get("NX_CMAKE")
    if not build or not cmake:
        pytest.skip("NX_BUILD and NX_CMAKE not set: run through ctest")
    prefix = tmp_path / "stage"
    # cmake itself runs without the sanitizer build's LD_PRELOAD (it hangs with it)
    plain = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    subprocess.run([cmake, "--install", build, "--prefix", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL, env=plain, timeout=600)
    pkgs = glob.glob(str(prefix / "lib" / "python3*" / "*-packages" / "newsidx" / "__init__.py"))
    assert len(pkgs) == 1, pkgs
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSIDX_LIB", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = os.path.dirname(os.path.dirname(pkgs[0]))
    code = ("import newsidx; print(newsidx.library_path())\n"
            "with newsidx.open(%r) as db: print(sum(1 for _ in db.search('dockers')))"
            % sample_db)
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=str(tmp_path),
                         capture_output=True, text=True).stdout.split()
    assert out[0].startswith(str(prefix)), out
    assert int(out[1]) == 2
