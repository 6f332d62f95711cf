"""`invoke serve`: serves the build with the live-reload script (only in the
preview), rebuilds on change, and shows a content error on the page and in
the terminal instead of stopping."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from taskrun import Preview, fetch, wait_for

NEWS = "nyheter/en-giltig-nyhet.md"
NEWS_URL = "arkiv/2019/01/en-giltig-nyhet/"
BROKEN = "---\ntitle: Rubrik\ndate: 2019-02-30\ntype: nyhet\n---\nText.\n"


@pytest.fixture
def preview(project, tmp_path):
    running = Preview(project.content, tmp_path / "preview-output", tmp_path / "serve.log")
    running.project = project
    running.output_folder = tmp_path / "preview-output"
    yield running
    running.stop()


def build_id(page):
    script = BeautifulSoup(page, "html.parser").find("script", src="/__forhandsvisning/live.js")
    return script["data-build"] if script else None


def test_pages_carry_the_live_reload_script_but_the_output_does_not(preview):
    status, page = fetch(preview.url + NEWS_URL)
    assert status == 200
    assert build_id(page)
    assert fetch(preview.url + "__forhandsvisning/live.js")[0] == 200
    written = [
        p
        for p in preview.output_folder.rglob("*")
        if p.is_file() and p.suffix in (".html", ".js", ".css")
    ]
    assert written
    assert not [p for p in written if b"__forhandsvisning" in p.read_bytes()]


def test_an_edit_rebuilds_and_changes_the_build_id(preview):
    first = build_id(fetch(preview.url + NEWS_URL)[1])
    path = preview.project.content / NEWS
    path.write_text(
        path.read_text(encoding="utf-8").replace("En giltig nyhet", "En ändrad nyhet"),
        encoding="utf-8",
    )

    def changed():
        page = fetch(preview.url + NEWS_URL)[1]
        return build_id(page) != first and "En ändrad nyhet" in page

    wait_for(changed, "the rebuilt page")
    # The saved page was shown before the whole site was rebuilt (quick_preview.py).
    assert f"visas direkt: /{NEWS_URL} — resten byggs om" in preview.output()


def test_a_content_error_is_shown_on_the_page_and_the_server_keeps_serving(preview):
    preview.project.write("nyheter/omojligt-datum.md", BROKEN)
    wait_for(
        lambda: "la-preview-errors" in fetch(preview.url + NEWS_URL)[1], "the error on the page"
    )
    status, page = fetch(preview.url + NEWS_URL)
    assert status == 200  # the last good build, with the error on top
    banner = BeautifulSoup(page, "html.parser").find(class_="la-preview-errors")
    assert banner["role"] == "alert"
    assert re.search(r"omojligt-datum\.md:3", banner.get_text())
    assert "omojligt-datum.md:3" in preview.output()
    (preview.project.content / "nyheter" / "omojligt-datum.md").unlink()
    wait_for(
        lambda: "la-preview-errors" not in fetch(preview.url + NEWS_URL)[1], "the error to go away"
    )


def test_missing_pages_get_the_sites_404_page(preview):
    status, page = fetch(preview.url + "finns-inte/")
    assert status == 404
    assert BeautifulSoup(page, "html.parser").h1


def test_ctrl_c_ends_the_preview_and_says_so(preview):
    assert preview.stop(), "the preview did not end on Ctrl+C"
    assert "Förhandsvisningen avslutad." in preview.output()
