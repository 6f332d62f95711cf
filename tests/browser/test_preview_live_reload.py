"""`invoke serve` in Chromium: the open page reloads by itself after an edit,
and a content error appears on it without stopping the preview."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from taskrun import Preview, Project

pytestmark = pytest.mark.browser

NEWS = "nyheter/en-giltig-nyhet.md"
NEWS_URL = "arkiv/2019/01/en-giltig-nyhet/"
# Generous: a rebuild of the small site takes about a second.
RELOAD_MS = 30_000


@pytest.fixture
def preview(tmp_path):
    project = Project(tmp_path)
    running = Preview(project.content, tmp_path / "output", tmp_path / "serve.log")
    running.project = project
    yield running
    running.stop()


def test_the_open_page_reloads_after_an_edit_and_shows_errors(preview, page):
    page.goto(preview.url + NEWS_URL)
    assert page.locator("h1").inner_text() == "En giltig nyhet"
    page.evaluate("window.notReloaded = true")

    path = preview.project.content / NEWS
    path.write_text(
        path.read_text(encoding="utf-8").replace("En giltig nyhet", "En ändrad nyhet"),
        encoding="utf-8",
    )
    expect(page.locator("h1")).to_have_text("En ändrad nyhet", timeout=RELOAD_MS)
    assert page.evaluate("window.notReloaded === undefined")  # a real reload, not a patch

    preview.project.write(
        "nyheter/omojligt-datum.md",
        "---\ntitle: Rubrik\ndate: 2019-02-30\ntype: nyhet\n---\nText.\n",
    )
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=RELOAD_MS)
    assert "omojligt-datum.md:3" in alert.inner_text()
    assert page.locator("h1").inner_text() == "En ändrad nyhet"  # still the last good build
