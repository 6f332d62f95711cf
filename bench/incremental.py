"""Rebuilds after a change: an editor's one-page edit and CI's 1 % change.

Edits append a sentence with a unique word (`benchedit<n>`) to a page's body,
so a rebuilt page can be recognised in the output.
"""

from __future__ import annotations

import os
import shutil
import time

from bench.builds import CACHE_SETTINGS, build_ours

CI_SHARE = 0.01


def edit_page(workspace, page, number):
    """Append (or replace) the edit sentence of `page`; returns its word."""
    path = workspace.ours / "content" / page.path
    text = path.read_text(encoding="utf-8")
    word = f"benchedit{number}"
    marker = "\n\nRedigerad: benchedit"
    text = text.split(marker)[0].rstrip("\n") + f"{marker}{number}.\n"
    path.write_text(text, encoding="utf-8")
    return word


def articles(workspace):
    return [page for page in workspace.archive.pages if page.kind == "article"]


def edit_target(workspace):
    """A page in the middle of the archive that sits in a series and a thread."""
    pages = articles(workspace)
    middle = pages[len(pages) // 2 :]
    threaded = [p for p in middle if p.front.get("follows") and p.front.get("series")]
    return (threaded or middle or pages)[0]


def ci_incremental(workspace, output):
    """CI: the cache of the last build restored, a fresh clone, 1 % of pages changed.

    Returns (build with the cache written, incremental build, pages changed).
    A fresh clone gives every file a new mtime, hence the content-keyed cache
    (CACHE_SETTINGS); the output folder starts empty as in a new runner.
    """
    seeded = build_ours(workspace, output, "ci-seed", settings=CACHE_SETTINGS, cold=True)
    saved = workspace.root / "ci-cache"
    shutil.rmtree(saved, ignore_errors=True)
    shutil.copytree(workspace.ours / "cache", saved)
    pages = articles(workspace)
    step = max(1, round(1 / CI_SHARE))
    changed = pages[::step]
    for page in changed:
        edit_page(workspace, page, 1)
    now = time.time()
    for folder, _, files in os.walk(workspace.ours / "content"):
        for name in files:
            os.utime(os.path.join(folder, name), (now, now))
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(workspace.ours / "cache", ignore_errors=True)
    shutil.copytree(saved, workspace.ours / "cache")
    incremental = build_ours(
        workspace, output, "ci-incremental", settings=CACHE_SETTINGS, cold=False
    )
    return seeded, incremental, len(changed)


def cached_edit_rebuild(workspace, output):
    """Pelican's content cache, warm: rebuild after one page changed (same output folder)."""
    build_ours(workspace, output, "cache-warm", settings=CACHE_SETTINGS, cold=True)
    edit_page(workspace, edit_target(workspace), 2)
    return build_ours(workspace, output, "cache-edit", settings=CACHE_SETTINGS, cold=False)
