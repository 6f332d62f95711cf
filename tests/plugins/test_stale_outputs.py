"""`invoke serve` builds over its last build: a page that moved or was deleted
must not stay behind at its old address (archive_speed/stale_outputs.py),
where the preview would serve it and its sitemap and search would list it;
nor may any other file the build no longer makes (a listing page, a topic's
page, a calendar file, an old hashed stylesheet). What no build of ours
wrote stays."""

from __future__ import annotations

import io
import json
import os
import shutil

import pytest
from archive_model.errors import ContentErrors
from sitebuild import BUILD_DATE, ROOT

from lararkiv import quick_preview, runner

NEWS = "nyheter/att-vilja-vidare-till-ett-meningsfullt-liv.md"
NEWS_PAGE = "arkiv/2018/12/att-vilja-vidare-till-ett-meningsfullt-liv/index.html"
DRAFT = "---\ntitle: Ett utkast\ndate: 2019-02-08\ntype: nyhet\nstatus: draft\n---\n\nText.\n"


@pytest.fixture
def preview(tmp_path):
    """The real content and theme, and a build into one output folder as `invoke serve` makes it."""
    content, output, theme = tmp_path / "content", tmp_path / "preview", tmp_path / "theme"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "theme", theme)
    settings = runner.load_settings(
        str(ROOT / "pelicanconf.py"), str(content), str(output),
        {"ARCHIVE_BUILD_DATE": BUILD_DATE, "THEME": str(theme)},
    )
    pelican = runner.new_pelican(settings)

    def build():
        build.generators = runner.build(pelican, io.StringIO())
        return output

    build.pelican = pelican
    return content, build


def files_in(folder):
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


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


def test_a_moved_event_takes_its_calendar_file_along(preview):
    content, build = preview
    output = build()
    old = output / "arkiv" / "2019" / "02" / "forskningsfrukost-om-samverkan-med-foreningar"
    assert (old / "kalender.ics").is_file()
    edit(content / "forskningsfrukostar" / "forskningsfrukost-om-samverkan-med-foreningar.md",
         "date: 2019-02-01", "date: 2019-01-25")
    build()
    assert not old.exists()  # the page's calendar file went too, and then its folder
    assert (output / "arkiv" / "2019" / "01" / old.name / "kalender.ics").is_file()


def test_listing_pages_and_topics_no_longer_made_leave(preview):
    content, build = preview
    output = build()
    second = output / "forvaltning" / "sof" / "sida" / "2" / "index.html"
    topic = output / "amne" / "tillit-och-trygghet" / "index.html"
    assert second.is_file() and topic.is_file()
    for path, old, new in [
        ("nyheter/att-vilja-vidare-till-ett-meningsfullt-liv.md", "[fritid-helsingborg, amf, sof]", "[fritid-helsingborg, amf]"),
        ("projekt/kartlaggning-av-aktivitetsbehov-hos-utsatta-grupper.md", "[sof, amf]", "[amf]"),
        ("inbjudningar/gemensam-utvecklingsgrupp-10-december-om-plan-for-lika-mojligheter.md", "[sof, slf]", "[slf]"),
        ("forskningsfrukostar/forskningsfrukost-om-samverkan-med-foreningar.md", ", tillit och trygghet]", "]"),
    ]:
        edit(content / path, old, new)
    build()
    assert not second.exists() and not (output / "forvaltning" / "sof" / "sida").exists()
    assert not topic.parent.exists()
    assert (output / "forvaltning" / "sof" / "index.html").is_file()
    sitemap = (output / "sitemap.xml").read_text(encoding="utf-8")
    assert "forvaltning/sof/sida/2/" not in sitemap and "tillit-och-trygghet" not in sitemap


def test_a_changed_stylesheet_leaves_no_old_hashed_copy(preview, tmp_path):
    _content, build = preview
    output = build()
    before = {name for name in files_in(output / "theme") if name.startswith("css/base.")}
    assert len(before) == 2  # base.css and its hashed copy
    with open(tmp_path / "theme" / "static" / "css" / "base.css", "a", encoding="utf-8") as css:
        css.write("\n/* ändrad */\n")
    build()
    after = {name for name in files_in(output / "theme") if name.startswith("css/base.")}
    assert "css/base.css" in after and len(after) == 2
    assert after != before  # a new hashed copy, and the old one gone


def test_what_no_build_wrote_stays_and_an_unchanged_build_removes_nothing(preview):
    _content, build = preview
    output = build()
    (output / "egen-fil.txt").write_text("lagd här för hand\n", encoding="utf-8")
    before = files_in(output)
    build()
    assert files_in(output) == before
    assert (output / "pagefind" / "pagefind-entry.json").is_file()


def test_a_removed_attachment_leaves_and_the_others_stay(preview):
    content, build = preview
    (content / "bilagor").mkdir()
    for name in ("program.pdf", "protokoll.pdf"):
        (content / "bilagor" / name).write_bytes(b"%PDF-1.4\n% " + name.encode() + b"\n")
    output = build()
    assert (output / "bilagor" / "program.pdf").is_file()
    (content / "bilagor" / "program.pdf").unlink()
    build()
    assert not (output / "bilagor" / "program.pdf").exists()
    assert (output / "bilagor" / "protokoll.pdf").is_file()


def test_a_page_shown_early_then_deleted_leaves_with_the_rebuild(preview):
    """The preview writes a new page before the rebuild; if the file is gone
    by the next finished build, so is that page (no finished build made it)."""
    content, build = preview
    output = build()
    source = content / "nyheter" / "ett-utkast.md"
    source.write_text(DRAFT, encoding="utf-8")
    shown = quick_preview.render_saved_pages(build.pelican, build.generators, {str(source)})
    assert [os.path.relpath(path, output) for path in shown] == [os.path.join("utkast", "ett-utkast", "index.html")]
    source.unlink()
    build()
    assert not (output / "utkast").exists()


def test_an_unchanged_rebuild_keeps_the_sitemap_and_robots_in_place(preview, caplog):
    """Written after the stale files are removed, they are never stale: a
    rebuild in the same process left them alone, not removed and written again."""
    _content, build = preview
    output = build()
    before = {name: (output / name).stat().st_mtime_ns for name in ("sitemap.xml", "robots.txt")}
    caplog.set_level("INFO")
    build()
    assert not [r.getMessage() for r in caplog.records if r.getMessage().startswith("Tog bort")]
    assert {name: (output / name).stat().st_mtime_ns for name in before} == before
