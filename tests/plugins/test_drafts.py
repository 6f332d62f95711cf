"""Drafts never reach production output (issue 20): built with
publishconf.py, no file of the site holds anything of a draft, whatever
kind of page it is and whatever else it says; hidden pages are built but
listed nowhere."""

from __future__ import annotations

import gzip

from sitebuild import pelican_build

MARK = "Utkastmarkor"
DRAFTS = {
    "nyheter/ett-utkast.md": (
        f"---\ntitle: {MARK} nyhet\ndate: 2019-02-10\ntype: nyhet\nadministrations: [sof]\n"
        f"topics: [samverkan]\nsummary: {MARK} sammanfattning\nstatus: draft\n---\n\n{MARK} text.\n"
    ),
    "inbjudningar/ett-utkast-med-handelse.md": (
        f"---\ntitle: {MARK} inbjudan\ndate: 2019-01-15\ntype: inbjudan\nstatus: draft\n"
        f"event:\n  start: 2019-02-08 10:00\n  end: '11:00'\n  location: {MARK} rum\n---\n\n{MARK} text.\n"
    ),
    "sidor/en-utkastsida.md": (
        f"---\ntitle: {MARK} sida\nslug: hemlig-sida\ntemplate: page\nstatus: draft\n---\n\n{MARK} text.\n"
    ),
}


def every_text(output):
    """Each output file's bytes as text, unpacked if Pagefind gzipped it."""
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path.relative_to(output).as_posix(), data.decode("utf-8", errors="replace")


def test_no_draft_reaches_a_production_build(small_site):
    for relative, text in DRAFTS.items():
        small_site.write(relative, text)
    project = small_site.content.parent
    result = pelican_build(small_site.output, content=small_site.content, settings="publishconf.py", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    leaked = [path for path, text in every_text(small_site.output) if MARK in text or "hemlig-sida" in path]
    assert leaked == []
    assert (small_site.output / "om" / "index.html").is_file()  # the build did write the site


def test_the_preview_shows_drafts_where_publish_refuses_to_find_them(small_site):
    for relative, text in DRAFTS.items():
        small_site.write(relative, text)
    assert small_site.build().returncode == 0
    written = {path for path, text in every_text(small_site.output) if MARK in text}
    assert "utkast/ett-utkast/index.html" in written
    listed = {"index.html", "sitemap.xml", "feeds/alla.atom.xml", "kalender/index.html", "kalender/alla.ics"}
    assert not written & listed


HIDDEN = {
    "nyheter/en-dold-nyhet.md": "---\ntitle: Dold nyhet\ndate: 2010-01-15\ntype: nyhet\nstatus: hidden\n---\n\nDoldmarkor.\n",
    "sidor/en-dold-sida.md": "---\ntitle: Dold sida\nstatus: hidden\n---\n\nDoldmarkor.\n",
}


def test_a_hidden_page_is_built_but_listed_nowhere_and_dated_as_any(small_site):
    for relative, text in HIDDEN.items():
        small_site.write(relative, text)
    assert small_site.build().returncode == 0
    pages = {"arkiv/2010/01/en-dold-nyhet/index.html", "en-dold-sida/index.html"}
    for page in pages:
        html = (small_site.output / page).read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in html
    assert "la-outdated" in (small_site.output / "arkiv/2010/01/en-dold-nyhet/index.html").read_text(encoding="utf-8")
    found = {path for path, text in every_text(small_site.output) if "Doldmarkor" in text or "en-dold-" in text}
    assert found == pages  # not in the sitemap, a listing, a feed or the search index


def test_a_hidden_pages_links_are_checked_as_any_pages(small_site):
    small_site.write("sidor/en-dold-sida.md", HIDDEN["sidor/en-dold-sida.md"].replace(
        "Doldmarkor.", "Se [sidan]({filename}/sidor/finns-inte.md)."))
    result = small_site.build()
    assert result.returncode == 1
    assert "content/sidor/en-dold-sida.md:6: länken '{filename}/sidor/finns-inte.md' pekar på en fil som inte finns" in result.stderr
