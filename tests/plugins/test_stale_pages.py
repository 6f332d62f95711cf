"""`invoke serve` builds over its last build: a page that moved or was deleted
must not stay behind at its old address (archive_publish/stale_pages.py),
where the preview would serve it and its sitemap and search would list it."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from archive_model.errors import ContentErrors
from archive_publish import runner
from sitebuild import BUILD_DATE, ROOT

NEWS = "nyheter/att-vilja-vidare-till-ett-meningsfullt-liv.md"
NEWS_PAGE = "arkiv/2018/12/att-vilja-vidare-till-ett-meningsfullt-liv/index.html"
DRAFT = "---\ntitle: Ett utkast\ndate: 2019-02-08\ntype: nyhet\nstatus: draft\n---\n\nText.\n"


@pytest.fixture
def preview(tmp_path):
    """The real content, and a build into one output folder as `invoke serve` makes it."""
    content, output = tmp_path / "content", tmp_path / "preview"
    shutil.copytree(ROOT / "content", content)
    settings = runner.load_settings(
        str(ROOT / "pelicanconf.py"), str(content), str(output), {"ARCHIVE_BUILD_DATE": BUILD_DATE}
    )
    pelican = runner.new_pelican(settings)

    def build():
        runner.build(pelican, io.StringIO())
        return output

    return content, build


def index_page_count(output):
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_published_draft_leaves_its_draft_address(preview):
    content, build = preview
    (content / "nyheter" / "ett-utkast.md").write_text(DRAFT, encoding="utf-8")
    output = build()
    assert (output / "utkast" / "ett-utkast" / "index.html").is_file()
    edit(content / "nyheter" / "ett-utkast.md", "status: draft\n", "")
    build()
    assert not (output / "utkast" / "ett-utkast").exists()
    assert (output / "arkiv" / "2019" / "02" / "ett-utkast" / "index.html").is_file()


def test_a_moved_page_is_gone_from_its_old_address_the_sitemap_and_the_search(preview):
    content, build = preview
    output = build()
    assert (output / NEWS_PAGE).is_file()
    indexed = index_page_count(output)
    edit(content / NEWS, "date: 2018-12-12", "date: 2019-01-12")
    build()
    assert not (output / NEWS_PAGE).exists()
    assert index_page_count(output) == indexed  # Pagefind indexes the written folder
    moved = "arkiv/2019/01/att-vilja-vidare-till-ett-meningsfullt-liv/"
    assert (output / moved / "index.html").is_file()
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert moved in sitemap
    assert "2018/12/att-vilja-vidare" not in sitemap
    assert (output / "arkiv" / "2018" / "12").is_dir()  # other pages of that month stay


def test_a_deleted_file_takes_its_page_along(preview):
    content, build = preview
    output = build()
    page = output / "arkiv" / "2018" / "12" / "tjanstedesigner-med-logik-i-verktygsladan" / "index.html"
    assert page.is_file()
    (content / "nyheter" / "tjanstedesigner-med-logik-i-verktygsladan.md").unlink()  # linked from nowhere
    build()
    assert not page.parent.exists()


def test_a_page_with_a_content_error_keeps_its_last_good_page(preview):
    content, build = preview
    output = build()
    before = (output / NEWS_PAGE).read_bytes()
    edit(content / NEWS, "title:", "titel:")
    with pytest.raises(ContentErrors):
        build()
    assert (output / NEWS_PAGE).read_bytes() == before
