#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Indexing and query benchmark of issue 5: newsidx against SQLite FTS5 and plain Xapian.

  bench/run.sh                      everything (5 alternating runs per cell)
  REPS=1 QREPS=5 SCALES=1 bench/run.sh          a quick look
  REPS_BIG=3 bench/run.sh           fewer runs for general x4 and x16 (they take long)
  NEWSIDX_BUILD=/path/to/build bench/run.sh
  bench/run.sh --report             only write results/latest.md again from the last run's
                                    results/tmp/run/raw.json (e.g. after a change of the tables)

Datasets: ../shared/corpus/ukraine.jsonl and general.jsonl.gz scaled x1, x4, x16 (copies with
fresh ids, written once to results/tmp/). Each cell (dataset x system) is measured REPS times,
the systems' order rotating between runs. Per run: wall and CPU seconds and peak RSS of the
indexing process (os.wait4), MB/s of article body text, passages/s, index bytes before and after
compaction (xapian-compact, newsidx-index --compact, FTS5 'optimize' + VACUUM; the 2-shard
index is merged into one by newsidx-index --merge). Queries: on the
ukraine index, four query sets (the 20 eval queries, single terms, phrases, actor+topic) with
QREPS warm repetitions in one process per run. Prints one markdown table and writes it to
results/latest.md. Standard library only.
"""
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("NEWSIDX_SHARED", os.path.join(HERE, "..", "..", "shared"))
NX_BUILD = os.environ.get("NEWSIDX_BUILD", os.path.join(HERE, "..", "build"))
REPS = int(os.environ.get("REPS", "5"))
REPS_BIG = int(os.environ.get("REPS_BIG", str(REPS)))  # runs per cell for general x4 and up
QREPS = int(os.environ.get("QREPS", "20"))
SCALES = [int(s) for s in os.environ.get("SCALES", "1,4,16").split(",") if s]
SYSTEMS = os.environ.get("SYSTEMS", "newsidx,newsidx-2shards,fts5,xapian").split(",")
TMP = os.path.join(HERE, "results", "tmp", "run")
BUILD = os.path.join(HERE, "build")
NX_INDEX = os.path.join(NX_BUILD, "indexer", "newsidx-index")
MB = 1e6

SINGLE = ["ceasefire", "NATO", "gas", "Lavrov", "Mariupol", "sanctions", "grain", "Zelenskyy",
          "embargo", "Kherson"]
PHRASE = ['"humanitarian corridor"', '"peace talks"', '"Nord Stream"', '"price cap"',
          '"no-fly zone"', '"Article 5"', '"nuclear power plant"', '"grain deal"',
          '"special military operation"', '"security guarantees"']
ACTOR_TOPIC = [("lavrov", "ceasefire"), ("zelenskyy", "nato"), ("putin", "energy"),
               ("macron", "ceasefire"), ("stoltenberg", "nato"), ("biden", "energy"),
               ("kuleba", "ceasefire"), ("scholz", "energy"), ("erdogan", "ceasefire"),
               ("putin", "nato")]


def log(msg):
    print("run.py: " + msg, file=sys.stderr, flush=True)


def measure(argv, stdout_path=None):
    """Run argv; return (wall, cpu, maxrss_bytes, stdout text). Fails on a non-zero exit.

    The child is reaped with os.wait4 so that its own rusage (CPU, peak RSS) is read, not the
    accumulated RUSAGE_CHILDREN figure."""
    out_path = stdout_path or os.path.join(TMP, "measure.out")
    err_path = os.path.join(TMP, "measure.err")
    with open(out_path, "w") as out, open(err_path, "w") as err:
        t0 = time.monotonic()
        p = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)  # already reaped: tell Popen
    if p.returncode != 0:
        with open(err_path, errors="replace") as f:
            raise RuntimeError("%s exited %d: %s" % (" ".join(argv), p.returncode,
                                                     f.read().strip()[-500:]))
    text = ""
    if not stdout_path:
        with open(out_path, encoding="utf-8") as f:
            text = f.read()
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss * 1024, text


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for root, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def rm(path):
    if os.path.isdir(path):
        shutil.rmtree(path)
    elif os.path.exists(path):
        os.remove(path)


# ---- datasets ------------------------------------------------------------------------------

def prepare(name, src, scale):
    """Write the (scaled) corpus and its passages once; return the dataset description."""
    corpus = os.path.join(TMP, "%s.corpus.jsonl" % name)
    passages = os.path.join(TMP, "%s.passages.jsonl" % name)
    meta = os.path.join(TMP, "%s.meta.json" % name)
    if not os.path.exists(meta):
        log("preparing %s" % name)
        subprocess.run([sys.executable, os.path.join(HERE, "passages.py"), src, "-o", passages,
                        "--scale", str(scale), "--corpus-out", corpus], check=True)
        body = n_pass = 0
        with open(passages, encoding="utf-8") as f:
            for line in f:
                n_pass += 1
        with open(corpus, encoding="utf-8") as f:
            for line in f:
                body += len(json.loads(line)["body"].encode("utf-8"))
        with open(meta, "w") as f:
            json.dump({"body_bytes": body, "n_passages": n_pass}, f)
    with open(meta) as f:
        m = json.load(f)
    return {"name": name, "corpus": corpus, "passages": passages, **m}


def datasets():
    out = [prepare("ukraine", os.path.join(SHARED, "corpus", "ukraine.jsonl"), 1)]
    for k in SCALES:
        out.append(prepare("general-x%d" % k, os.path.join(SHARED, "corpus", "general.jsonl.gz"),
                           k))
    return out


# ---- indexing ------------------------------------------------------------------------------

def nx_compact(db, corpus, how):
    """newsidx compaction (how: --compact, or --merge: the shards into one index): a run
    without input, or (if the CLI wants input) an unchanged re-run."""
    try:
        return measure([NX_INDEX, "--db", db, "--quiet", how])
    except RuntimeError:
        return measure([NX_INDEX, "--db", db, "--quiet", how, corpus])


def index_once(system, ds):
    db = os.path.join(TMP, "%s.%s.db" % (ds["name"], system))
    rm(db)
    rm(db + ".compact")
    if system == "xapian":
        wall, cpu, rss, text = measure([os.path.join(BUILD, "plain_xapian"), "index", db,
                                        ds["passages"]])
        passages = json.loads(text)["passages"]
        before = du(db)
        cw, cc, _, _ = measure(["xapian-compact", db, db + ".compact"])
        after = du(db + ".compact")
    elif system == "fts5":
        wall, cpu, rss, text = measure([os.path.join(BUILD, "fts5"), "index", db,
                                        ds["passages"]])
        passages = json.loads(text)["passages"]
        before = du(db)
        cw, cc, _, _ = measure([os.path.join(BUILD, "fts5"), "compact", db])
        after = du(db)
    else:  # newsidx, or newsidx-2shards: the same with --shards 2
        shards = ["--shards", "2"] if system == "newsidx-2shards" else []
        # --no-compact: the load alone, its compaction measured next, as for the others
        wall, cpu, rss, text = measure([NX_INDEX, "--db", db, "--quiet", "--json",
                                        "--no-compact"] + shards + [ds["corpus"]])
        passages = json.loads(text)["passages"]
        before = du(db)
        cw, cc, _, _ = nx_compact(db, ds["corpus"], "--merge" if shards else "--compact")
        after = du(db)
    return {"wall": wall, "cpu": cpu, "rss": rss, "passages": passages, "before": before,
            "after": after, "compact_wall": cw, "compact_cpu": cc,
            "mbps": ds["body_bytes"] / MB / wall, "pps": passages / wall}


# ---- queries -------------------------------------------------------------------------------

def query_files():
    """Per query set: (baseline text lines, newsidx lines)."""
    with open(os.path.join(SHARED, "eval", "queries.jsonl"), encoding="utf-8") as f:
        evalq = [json.loads(line)["query"] for line in f if line.strip()]
    sets = {"eval20": (evalq, evalq), "single": (SINGLE, SINGLE), "phrase": (PHRASE, PHRASE),
            "actor+topic": (["%s %s" % (a.capitalize(), t) for a, t in ACTOR_TOPIC],
                            ["S\t%s\t%s\t" % (a, t) for a, t in ACTOR_TOPIC])}
    files = {}
    for name, (base, nx) in sets.items():
        paths = []
        for kind, lines in (("base", base), ("nx", nx)):
            p = os.path.join(TMP, "q.%s.%s.txt" % (name, kind))
            with open(p, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
            paths.append(p)
        files[name] = paths
    return files


def query_once(system, db, qfiles):
    if system == "xapian":
        argv = [os.path.join(BUILD, "plain_xapian"), "query", db, qfiles[0], str(QREPS)]
    elif system == "fts5":
        argv = [os.path.join(BUILD, "fts5"), "query", db, qfiles[0], str(QREPS)]
    else:
        argv = [os.path.join(BUILD, "nx_query_bench"), "query", db, qfiles[1], str(QREPS)]
    res = json.loads(measure(argv)[3])
    return {"qmed": res["median_ms"], "qp99": res["p99_ms"], "failed": res.get("failed", 0)}


# ---- report --------------------------------------------------------------------------------

def agg(values):
    return statistics.median(values), min(values), max(values)


def cell(values, fmt="%.2f"):
    med, lo, hi = agg(values)
    return (fmt + " (" + fmt + "–" + fmt + ")") % (med, lo, hi)


def ratio(results, key, a, b):
    if a not in results or b not in results:
        return "-"
    return "%.2f" % (statistics.median(results[a][key]) / statistics.median(results[b][key]))


def index_table(ds_list, res):
    lines = ["| dataset | system | wall s | CPU s | MB/s | passages/s | peak RSS MB | index MB "
             "| ÷ text | compacted MB | ÷ text | compact s |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for ds in ds_list:
        for s in SYSTEMS:
            r = res.get((ds["name"], s))
            if not r:
                continue
            text = ds["body_bytes"]
            lines.append("| %s | %s | %s | %s | %s | %s | %s | %.1f | %.2f | %.1f | %.2f | %.2f |" % (
                ds["name"], s, cell(r["wall"]), cell(r["cpu"]), cell(r["mbps"]),
                cell(r["pps"], "%.0f"), cell([x / MB for x in r["rss"]], "%.0f"),
                statistics.median(r["before"]) / MB, statistics.median(r["before"]) / text,
                statistics.median(r["after"]) / MB, statistics.median(r["after"]) / text,
                statistics.median(r["compact_wall"])))
    return lines


def with_compaction(r, body_bytes):
    """MB/s of each run counting its compaction (or merge) too: text / (index + compact wall)."""
    return [body_bytes / MB / (w + c) for w, c in zip(r["wall"], r["compact_wall"])]


def ratio_table(ds_list, res):
    lines = ["| dataset | MB/s newsidx÷FTS5 | MB/s newsidx÷Xapian | MB/s newsidx-2shards÷Xapian "
             "| same, each with its compaction | compacted size newsidx÷FTS5 "
             "| compacted size newsidx÷Xapian | peak RSS newsidx÷Xapian |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for ds in ds_list:
        sub = {s: dict(res[(ds["name"], s)]) for s in SYSTEMS if (ds["name"], s) in res}
        for r in sub.values():
            r["mbps_c"] = with_compaction(r, ds["body_bytes"])
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            ds["name"], ratio(sub, "mbps", "newsidx", "fts5"),
            ratio(sub, "mbps", "newsidx", "xapian"),
            ratio(sub, "mbps", "newsidx-2shards", "xapian"),
            ratio(sub, "mbps_c", "newsidx-2shards", "xapian"), ratio(sub, "after", "newsidx", "fts5"),
            ratio(sub, "after", "newsidx", "xapian"), ratio(sub, "rss", "newsidx", "xapian")))
    return lines


def query_table(qres):
    lines = ["| query set | system | median ms | p99 ms | median ÷ FTS5 | median ÷ Xapian |",
             "| --- | --- | ---: | ---: | ---: | ---: |"]
    for qset in sorted({k[0] for k in qres}):
        sub = {s: qres[(qset, s)] for s in SYSTEMS if (qset, s) in qres}
        for s, r in sub.items():
            failed = max(r["failed"])
            note = " (%d of the queries failed)" % failed if failed else ""
            lines.append("| %s | %s | %s%s | %s | %s | %s |" % (
                qset, s, cell(r["qmed"], "%.3f"), note, cell(r["qp99"], "%.3f"),
                ratio(sub, "qmed", s, "fts5"), ratio(sub, "qmed", s, "xapian")))
    return lines


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    git = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True)
    commit = git.stdout.strip() or "none (no commit yet)"
    dirty = subprocess.run(["git", "-C", HERE, "status", "--porcelain"], capture_output=True,
                           text=True).stdout.strip()
    return ("- machine: %s, %d CPUs (nproc), %s\n- date: %s\n- commit: %s%s\n"
            "- runs per cell: %d (general x4 and larger: %d), systems alternating; "
            "query repetitions per run: %d\n" % (
                model, os.cpu_count(), platform.platform(),
                datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                commit, " (working tree modified)" if dirty else "", REPS, REPS_BIG, QREPS))


# ---- main ----------------------------------------------------------------------------------

def measure_all():
    """Every run of every cell; returns the raw results (also written to results/tmp/run/raw.json)."""
    os.makedirs(TMP, exist_ok=True)
    make = ["make", "-s", "-C", HERE, "nx" if any(s.startswith("newsidx") for s in SYSTEMS) else "all",
            "NEWSIDX_BUILD=" + NX_BUILD]
    subprocess.run(make, check=True, stdout=sys.stderr)
    ds_list = datasets()
    res, qres = {}, {}
    qfiles = query_files()
    for ds in ds_list:
        reps = REPS_BIG if ds["body_bytes"] > 50 * MB else REPS
        for run in range(reps):
            order = SYSTEMS[run % len(SYSTEMS):] + SYSTEMS[:run % len(SYSTEMS)]
            for s in order:
                log("%s %s run %d/%d" % (ds["name"], s, run + 1, reps))
                try:
                    r = index_once(s, ds)
                except RuntimeError as e:  # one failing system must not lose the others
                    log("%s %s: %s" % (ds["name"], s, e))
                    continue
                for k, v in r.items():
                    res.setdefault((ds["name"], s), {}).setdefault(k, []).append(v)
                if ds["name"] == "ukraine":
                    db = os.path.join(TMP, "ukraine.%s.db" % s)
                    db = db + ".compact" if s == "xapian" else db
                    for qset, files in qfiles.items():
                        try:
                            q = query_once(s, db, files)
                        except RuntimeError as e:
                            log("%s %s: %s" % (qset, s, e))
                            continue
                        for k, v in q.items():
                            qres.setdefault((qset, s), {}).setdefault(k, []).append(v)
    raw = {"header": machine(), "datasets": ds_list,
           "index": {"%s/%s" % k: v for k, v in res.items()},
           "query": {"%s/%s" % k: v for k, v in qres.items()}}
    with open(os.path.join(TMP, "raw.json"), "w") as f:
        json.dump(raw, f, indent=1)
    return raw


def render(raw):
    """The report (markdown) of raw results."""
    ds_list = raw.get("datasets") or datasets()
    res = {tuple(k.split("/", 1)): v for k, v in raw["index"].items()}
    qres = {tuple(k.split("/", 1)): v for k, v in raw["query"].items()}
    report = ["# newsidx benchmark: indexing and queries", "",
              raw.get("header", "- machine, date, commit: not recorded in raw.json\n"),
              "Figures: median (min–max) over the runs. MB/s counts article body text "
              "(UTF-8 bytes); index sizes are medians; ÷ text = index bytes / body bytes. "
              "Xapian and FTS5 index the reference passages (bench/passages.py); newsidx indexes "
              "the JSONL articles itself. newsidx-2shards builds 2 shards in parallel "
              "(--shards 2); its compaction merges them into one index (--merge). \"Each with "
              "its compaction\" counts each run's compaction (merge) time as indexing time too. "
              "Queries run on the compacted ukraine indexes: top 10 with each passage "
              "highlighted, warm, in one process.", "",
              "## Indexing", ""] + index_table(ds_list, res) + [
              "", "## Ratios (medians)", ""] + ratio_table(ds_list, res) + [
              "", "## Queries (ukraine)", ""] + query_table(qres) + [""]
    # The levers of issue 29, each measured on its own (results/levers.md), shown under the run.
    levers = os.path.join(HERE, "results", "levers.md")
    if os.path.exists(levers):
        with open(levers, encoding="utf-8") as f:
            report += [f.read()]
    return "\n".join(report)


def main():
    """Measure and report; with --report, only render results/tmp/run/raw.json again."""
    if sys.argv[1:] == ["--report"]:
        path = os.path.join(TMP, "raw.json")
        try:
            with open(path) as f:
                raw = json.load(f)
        except (OSError, ValueError) as e:
            sys.exit("run.py: cannot read %s (%s): run the benchmark first" % (path, e))
    elif sys.argv[1:]:
        sys.exit("usage: run.py [--report]")
    else:
        raw = measure_all()
    text = render(raw)
    print(text)
    with open(os.path.join(HERE, "results", "latest.md"), "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
