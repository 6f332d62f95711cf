"""Where a build's time goes: one full build under cProfile, grouped by module.

Each function's own time (tottime) is charged to the group of the file it is
in; time in built-ins (`~`: file I/O, regex, str methods, waiting for a
child process) is charged to the callers' groups in proportion to what each
caller spent in them, so "writing" includes the writes it causes and the
search step includes waiting for Pagefind.
"""

from __future__ import annotations

import pstats
import sys

from bench.builds import PINNED, pelican_command
from bench.measure import run_measured

# First match wins; a path fragment or a suffix of the function's file.
GROUPS = (
    ("/markdown/", "Markdown (Python-Markdown)"),
    ("/templates/", "Jinja templates (ours, compiled)"),
    (".html", "Jinja templates (ours, compiled)"),
    ("/jinja2/", "Jinja runtime"),
    ("/markupsafe/", "Jinja runtime"),
    ("/yaml/", "YAML (front matter)"),
    ("/frontmatter/", "YAML (front matter)"),
    ("/pelican/writers.py", "Pelican writers"),
    ("/pelican/readers.py", "Pelican readers"),
    ("/pelican/cache.py", "Pelican content cache"),
    ("/pelican/", "Pelican other (generators, contents, urls)"),
    ("/feedgenerator/", "Atom feeds (feedgenerator)"),
    ("/babel/", "Babel (Swedish dates)"),
    ("/icalendar/", "icalendar"),
    ("/bs4/", "BeautifulSoup"),
    ("/html/parser.py", "HTML parsing (stdlib)"),
    ("/subprocess.py", "subprocesses (Pagefind)"),
    ("/selectors.py", "subprocesses (Pagefind)"),
    ("/site-packages/", "other libraries"),
)


def group_of(path):
    if "/plugins/" in path:
        return "our plugins: " + path.split("/plugins/", 1)[1].split("/", 1)[0]
    for fragment, name in GROUPS:
        if fragment in path or path.endswith(fragment):
            return name
    return "built-ins" if path == "~" else "Python stdlib / startup"


def breakdown(stats_file):
    """(seconds per group, largest first; total seconds; top functions)."""
    stats = pstats.Stats(str(stats_file)).stats
    totals = {}
    for (path, _, _), (_, _, own, _, callers) in stats.items():
        if path == "~" and callers:
            spent = sum(c[2] for c in callers.values())
            for (caller_path, _, _), caller in callers.items():
                share = own * (caller[2] / spent) if spent else own / len(callers)
                name = group_of(caller_path)
                totals[name] = totals.get(name, 0.0) + share
        else:
            name = group_of(path)
            totals[name] = totals.get(name, 0.0) + own
    top = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:15]
    functions = [
        {"function": f"{path}:{line}({name})", "tottime_s": round(v[2], 3), "group": group_of(path)}
        for (path, line, name), v in top
    ]
    ranked = dict(sorted(((k, round(v, 3)) for k, v in totals.items()), key=lambda kv: -kv[1]))
    return ranked, sum(totals.values()), functions


def profile_build(workspace, output):
    """Our full build once under cProfile; the grouped breakdown."""
    stats_file = workspace.root / "build.prof"
    command = pelican_command("publishconf.py", output, PINNED)
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *command[1:]]
    run = run_measured(command, workspace.ours, workspace.logs / "profile.log")
    groups, total, functions = breakdown(stats_file)
    return {
        "wall_s": round(run.wall_s, 2),
        "profiled_s": round(total, 2),
        "groups": groups,
        "top_functions": functions,
    }
