#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every newsidx-query example of README.md and docs/*.md runs as written on the sample archive
# and shows what the text around it says: command lines (`newsidx-query --db ./archive.nx ...`,
# and `$ newsidx-query ...` with the output printed under it), the query-language examples and
# the date and error tables of docs/query.md.
. "$(dirname "$0")/common.sh"

DB=$TMP/archive.nx
if ! "$NX_INDEX" --db "$DB" -q "$SAMPLE"; then
    fail "indexing the sample for the documented examples"
    finish
fi

# One line per check: "ok   - ..." or "FAIL - ...", as common.sh prints them.
python3 - "$NX_SRC" "$NX_QUERY" "$DB" >"$TMP/report" 2>&1 <<'PY'
import glob, json, os, re, shlex, subprocess, sys

src, query, db = sys.argv[1:4]
docs = [os.path.join(src, "README.md")] + sorted(glob.glob(os.path.join(src, "docs", "*.md")))


def say(ok, name, why=""):
    print(("ok   - " if ok else "FAIL - ") + name + ("" if ok else ": " + why))


def run(cmdline):
    """A documented command line, its program replaced by the built one, the index by the sample's."""
    cmd = cmdline.replace("./archive.nx", shlex.quote(db), 1)
    cmd = re.sub(r"^newsidx-query\b", shlex.quote(query), cmd)
    return subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)


def hits(cmdline):
    p = run(cmdline + " --json -n 100")
    return [json.loads(l) for l in p.stdout.splitlines() if '"type":"result"' in l]


# What an example claims about every hit, checked on its --json output.
def all_hits(key, value):
    return lambda h: value in h[key]

CLAIMS = {
    """'actor:kuleba "humanitarian corridor"'""": ("names or quotes Kuleba", all_hits("actors", "kuleba")),
    "--actor lavrov --topic ceasefire": ("about Lavrov", all_hits("actors", "lavrov")),
    "'speaker:lavrov ceasefire'": ("Lavrov speaking", all_hits("speakers", "lavrov")),
    "'said:lavrov talks'": ("Lavrov's words", all_hits("said", "lavrov")),
    "--topic energy 'oil embargo'": ("about energy", all_hits("topics", "energy")),
}

blocks = []  # (file, [lines]) of each fenced code block
for path in docs:
    cur = None
    for line in open(path, encoding="utf-8"):
        if line.startswith("```"):
            if cur is None:
                cur = []
            else:
                blocks.append((os.path.relpath(path, src), cur))
                cur = None
        elif cur is not None:
            cur.append(line.rstrip("\n"))

ran = 0
for name, lines in blocks:
    for i, line in enumerate(lines):
        shown = line.startswith("$ newsidx-query ")
        if not (line.startswith("newsidx-query ") or shown):
            continue
        cmdline = line[2:] if shown else line
        if "--db ./archive.nx" not in cmdline:
            print("SKIP - %s: %s (not the archive the examples use)" % (name, cmdline))
            continue
        ran += 1
        p = run(cmdline)
        label = "%s: %s" % (name, cmdline)
        if shown:  # the lines under it are what it prints
            expected = [l for l in lines[i + 1:] if l and not l.startswith("$ ")]
            status = 2 if any(l.startswith("Try '") for l in expected) else 0
            out = p.stdout + p.stderr
            missing = [l for l in expected if l not in out]
            say(p.returncode == status and not missing, label,
                "status %d, lacks %s" % (p.returncode, missing))
            continue
        if p.returncode != 0 or not p.stdout.strip():
            say(False, label, "status %d, %d bytes out, stderr %s"
                % (p.returncode, len(p.stdout), p.stderr.strip()[:200]))
            continue
        claim = [c for c in CLAIMS if c in cmdline and "--json" not in cmdline]
        if claim:
            what, check = CLAIMS[claim[0]]
            hs = hits(cmdline.split("#")[0].strip())
            bad = [h["article_id"] for h in hs if not check(h)]
            say(hs and not bad, label + " (every hit " + what + ")", "%d hits, not: %s" % (len(hs), bad))
        else:
            say(True, label)

# docs/query.md: the query-language examples (a block of queries, the +/- block), the date
# table and the error table, each query run after "--" as one argument.
qmd = open(os.path.join(src, "docs", "query.md"), encoding="utf-8").read()
examples = []
for name, lines in blocks:
    if name != os.path.join("docs", "query.md"):
        continue
    for line in lines:
        if line and not line.startswith(("newsidx-", "$ ", "Try ", "newsidx-query:")):
            examples.append(re.split(r"\s{2,}", line.strip())[0])
dates = qmd[qmd.index("## Dates"):]
for m in re.finditer(r"^\| `(date:[^`.][^`]*)` \|", dates[:dates.index("\n## ")], re.M):
    examples.append(m.group(1))
for q in examples:
    p = subprocess.run([query, "--db", db, "--", q], capture_output=True, text=True)
    say(p.returncode == 0, "docs/query.md example %r runs" % q,
        "status %d: %s" % (p.returncode, p.stderr.strip()[:200]))
errors = qmd[qmd.index("## Errors"):]
errors = errors[:errors.index("\n## ")]
for m in re.finditer(r"^\| `(.*)` \| `(.*)` \|$", errors, re.M):
    p = subprocess.run([query, "--db", db, "--", m.group(1)], capture_output=True, text=True)
    say(p.returncode == 1 and m.group(2) in p.stderr, "docs/query.md error %r" % m.group(1),
        "status %d: %s" % (p.returncode, p.stderr.strip()[:200]))
say(ran >= 8 and len(examples) >= 10, "the examples were found", "%d command lines, %d queries"
    % (ran, len(examples)))
PY
cat "$TMP/report"
FAILED=$((FAILED + $(grep -c '^FAIL' "$TMP/report")))
finish
