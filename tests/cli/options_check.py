# SPDX-License-Identifier: GPL-2.0-or-later
"""The options a program's --help lists, against those of its man page and its completion.

Usage: options_check.py HELP_FILE MAN_PAGE PROGRAM SRC
Prints one line per difference and exits 1 when there is any. An option is a short (-d) or
long (--db) name; --help lists each at the start of an indented line, the man page after a
.TP in its OPTIONS section, the bash completion in _newsidx_<prog>_opts and the zsh one in the
_arguments specs of the program (and the specs common to all three).
"""
import re
import sys

OPT = re.compile(r"(?<![\w-])(--?[A-Za-z][A-Za-z-]*)")


def from_help(text):
    opts = set()
    for line in text.splitlines():
        m = re.match(r"^ {2,6}(?:(-[A-Za-z]), )?(--[a-z][a-z-]*)", line)
        if m:
            opts.update(o for o in m.groups() if o)
    return opts


def from_man(text):
    opts, section, after_tp = set(), None, False
    for line in text.splitlines():
        if line.startswith(".SH"):
            section = line[3:].strip().strip('"')
        elif line.startswith(".TP"):
            after_tp = True
            continue
        elif after_tp and section == "OPTIONS":
            plain = re.sub(r"\\f[BIRP]", "", line).replace("\\-", "-")
            opts.update(OPT.findall(plain))
        after_tp = False
    return opts


def from_bash(text, prog):
    key = "_newsidx_%s_opts" % prog.split("-")[1]
    m = re.search(key + r"='([^']*)'", text)
    return set(m.group(1).split()) if m else set()


def from_zsh(text, prog):
    common = re.search(r"common=\((.*?)\n  \)", text, re.S).group(1)
    m = re.search(r"\n  %s\)(.*?);;" % re.escape(prog), text, re.S)
    specs = common + (m.group(1) if m else "")
    opts = set()
    for spec in re.findall(r"(?:^|\s)(?:'[^']*')?(\{[^}]*\}|'[^']*')", specs, re.M):
        head = spec.strip("'")
        if head.startswith("{"):
            opts.update(p.rstrip("+=") for p in head.strip("{}").split(","))
        else:
            m2 = re.match(r"(?:\([^)]*\))?(?:\*)?(--?[A-Za-z][A-Za-z-]*)", head)
            if m2:
                opts.add(m2.group(1))
    return opts


def main():
    help_file, man_page, prog, src = sys.argv[1:5]
    want = from_help(open(help_file).read())
    problems = []
    if not want:
        problems.append("%s --help lists no options" % prog)
    have = {
        "man page %s" % man_page: from_man(open(man_page).read()),
        "bash completion": from_bash(open(src + "/completion/newsidx.bash").read(), prog),
        "zsh completion": from_zsh(open(src + "/completion/_newsidx").read(), prog),
    }
    for where, opts in have.items():
        for o in sorted(want - opts):
            problems.append("%s: --help has %s, the %s lacks it" % (prog, o, where))
        for o in sorted(opts - want):
            problems.append("%s: the %s has %s, --help lacks it" % (prog, where, o))
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)


main()
