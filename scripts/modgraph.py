#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Print the module graph of lib/ and check its rules (docs/architecture.md, "Layers").

A module is lib/<layer>/<name>.{c,cc,h}: a source and its header. An edge A -> B means that a
file of A includes B's header or calls a function that B defines. The layers, lowest first:
util, text, tag, store, ingest, query. With --check it exits 1 and names each violation of:
  1. an edge from a layer to a higher one;
  2. a cycle between modules (two modules that reach each other);
  3. a Xapian header included outside store/ and query/ C++ files;
  4. a function shared inside lib/ (nx__...) whose name does not start with nx__<module>_
     (or is not nx__<module> itself), so that a grep for the name lands in its file.
Usage: modgraph.py [--check] [--dot] [LIB_DIR]   (default LIB_DIR: the lib/ beside scripts/)
"""
import os
import re
import sys
from collections import defaultdict

LAYERS = ["util", "text", "tag", "store", "ingest", "query"]
RANK = {name: i for i, name in enumerate(LAYERS)}
DEF_RE = re.compile(r"^(?:extern \"C\" )?[A-Za-z_][^;{}()\n]*?\b(nx__\w+)\s*\(", re.M)
CALL_RE = re.compile(r"\b(nx__\w+)\s*\(")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+([<"])([^">]+)[">]', re.M)
COMMENT_RE = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def read_modules(lib):
    mods = defaultdict(dict)  # module -> {path: text}
    for layer in LAYERS:
        folder = os.path.join(lib, layer)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            base, ext = os.path.splitext(name)
            if ext in (".c", ".cc", ".h"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    mods[layer + "/" + base][os.path.join(layer, name)] = f.read()
    for name in sorted(os.listdir(lib)):
        if os.path.splitext(name)[1] in (".c", ".cc", ".h"):
            mods["?/" + os.path.splitext(name)[0]][name] = ""
    return mods


def definitions(text):
    """Names of the functions a file defines (a body follows the declarator)."""
    code = COMMENT_RE.sub("", text)
    out = set()
    for m in DEF_RE.finditer(code):
        rest = code[m.end():]
        depth, i = 1, 0
        while i < len(rest) and depth:
            depth += {"(": 1, ")": -1}.get(rest[i], 0)
            i += 1
        tail = rest[i:].lstrip()
        if tail.startswith("{") or tail.startswith("noexcept"):
            if not re.match(r"\s*static\b", code[m.start():m.end()]):
                out.add(m.group(1))
    return out


def graph(mods):
    defined = {}
    for mod, files in mods.items():
        for path, text in files.items():
            if not path.endswith(".h"):
                for name in definitions(text):
                    defined[name] = mod
    headers = {os.path.splitext(p)[0]: mod for mod, files in mods.items() for p in files
               if p.endswith(".h")}
    edges = defaultdict(lambda: defaultdict(set))  # a -> b -> reasons
    problems = []
    for mod, files in mods.items():
        for path, text in files.items():
            for kind, inc in INCLUDE_RE.findall(text):
                if kind == "<" and inc.startswith("xapian"):
                    if not (path.endswith(".cc") and mod.split("/")[0] in ("store", "query")):
                        problems.append(f"{path}: includes <{inc}>: Xapian only in store/ and "
                                        "query/ C++ files")
                    continue
                target = headers.get(os.path.splitext(inc)[0])
                if kind == '"' and target and target != mod:
                    edges[mod][target].add(f"includes {inc}")
            if path.endswith(".h"):  # a header's prototypes are not calls
                continue
            for name in set(CALL_RE.findall(COMMENT_RE.sub("", text))):
                target = defined.get(name)
                if target and target != mod:
                    edges[mod][target].add(f"calls {name}")
    for name, mod in sorted(defined.items()):
        base = mod.split("/")[1]
        if not (name == "nx__" + base or name.startswith("nx__" + base + "_")):
            problems.append(f"lib/{mod}: defines {name}(): not named nx__{base}_...")
    return edges, problems


def cycles(mods, edges):
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(mods):
        if v not in index:
            visit(v)
    return out


def main(argv):
    check = "--check" in argv
    dot = "--dot" in argv
    rest = [a for a in argv if not a.startswith("--")]
    lib = rest[0] if rest else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib")
    mods = read_modules(lib)
    edges, problems = graph(mods)
    for mod in sorted(mods):
        if mod.startswith("?/"):
            problems.append(f"lib/{mod[2:]}.*: outside the layer folders ({', '.join(LAYERS)})")
    for a in sorted(edges):
        for b in sorted(edges[a]):
            la, lb = a.split("/")[0], b.split("/")[0]
            if la in RANK and lb in RANK and RANK[lb] > RANK[la]:
                why = sorted(edges[a][b])[0]
                problems.append(f"{a} -> {b} ({why}): {la}/ is below {lb}/")
    for comp in cycles(mods, edges):
        problems.append("cycle: " + " <-> ".join(comp))
    if dot:
        print("digraph newsidx {\n  rankdir=BT;")
        for layer in LAYERS:
            names = [m for m in sorted(mods) if m.startswith(layer + "/")]
            print(f'  subgraph "cluster_{layer}" {{ label="{layer}"; ' +
                  " ".join(f'"{m}";' for m in names) + " }")
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print(f'  "{a}" -> "{b}";')
        print("}")
    elif not check:
        for layer in LAYERS:
            names = [m for m in sorted(mods) if m.startswith(layer + "/")]
            print(f"{layer}/ ({len(names)} modules)")
            for m in names:
                deps = ", ".join(sorted(edges.get(m, {}))) or "-"
                print(f"  {m.split('/')[1]:16} -> {deps}")
    for p in problems:
        print("modgraph: " + p, file=sys.stderr)
    if check:
        n = sum(len(v) for v in edges.values())
        print(f"modgraph: {len(mods)} modules, {n} edges, {len(problems)} problems")
    return 1 if check and problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
