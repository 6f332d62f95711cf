"""Markup that an editor typed as text (a title "<script>…", code in the
body) is stored in the search index as text and shown in the search results
as text: it never runs in the reader's browser."""

from __future__ import annotations

import shutil

import pytest
from browser_tools import serve_folder
from sitebuild import FIXTURES, pelican_build

pytestmark = pytest.mark.browser

PAGE = """---
title: <script>window.titleRan = true</script> Kodrubrik
date: 2019-02-08
type: nyhet
---

Skriv aldrig `<img src=x onerror="window.bodyRan = true">` i en kodrubrik.
"""


@pytest.fixture(scope="module")
def small_site_with_markup_as_text(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup")
    shutil.copytree(FIXTURES / "minimal", root / "project")
    (root / "project" / "content" / "nyheter" / "kodrubrik.md").write_text(PAGE, encoding="utf-8")
    result = pelican_build(root / "output", content=root / "project" / "content", cwd=root / "project")
    assert result.returncode == 0, result.stdout + result.stderr
    if not (root / "output" / "sok" / "index.html").exists():
        pytest.skip("no search page in this build")
    server, url = serve_folder(root / "output")
    yield url
    server.shutdown()


def test_search_shows_markup_in_titles_as_text(small_site_with_markup_as_text, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(small_site_with_markup_as_text + "sok/?q=kodrubrik")
    page.wait_for_selector(".la-search-result", timeout=15000)
    result = page.locator(".la-search-result").first
    assert "<script>" in result.inner_text()
    assert page.evaluate("[window.titleRan, window.bodyRan]") == [None, None]
    assert page.locator(".la-search-result script, .la-search-result img").count() == 0
    assert not dialogs
