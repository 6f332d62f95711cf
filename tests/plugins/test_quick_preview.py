"""`invoke serve` renders a saved page first, against the last build, before
the full rebuild (lararkiv/quick_preview.py). For an edit of the text
that page must be the very page the full rebuild then writes, what plugins
work out after reading included (agenda, thread, dates); anything it cannot
render exactly is left to the rebuild."""

from __future__ import annotations

import io
import os
import shutil

import pytest
from sitebuild import BUILD_DATE, ROOT, read_page

from lararkiv import quick_preview, runner

# (source file, a text to replace or None to append, the new text, what the page then shows)
EDITS = {
    "minutes in a series and a thread": (
        "motesanteckningar/gemensam-utvecklingsgrupp-2018-12-10.md", None, "\nEtt tillägg.\n", "Ett tillägg."
    ),
    "a news item's author": (
        "nyheter/att-vilja-vidare-till-ett-meningsfullt-liv.md",
        "author: Bengt Nilsson\n",
        "author: Bengt Nilsson Ek\n",
        "Bengt Nilsson Ek",
    ),
    "an invitation (an event)": (
        "inbjudningar/inbjudan-till-sjalvhjalpsgrupp-for-anhoriga.md", None, "\nTa med en vän.\n", "Ta med en vän."
    ),
    "an agenda in the text": (
        "inbjudningar/gemensam-utvecklingsgrupp-21-januari-om-stod-till-foraldrar-med-placerade-barn.md",
        "- Rapport från våra arbetsgrupper\n",
        "- Rapport från våra arbetsgrupper och nätverk\n",
        "Rapport från våra arbetsgrupper och nätverk",
    ),
    "a stated update": (
        "nyheter/att-vilja-vidare-till-ett-meningsfullt-liv.md",
        "date: 2018-12-12\n",
        "date: 2018-12-12\nupdated: 2026-11-20\n",
        "20 november 2026",
    ),
    "the title of a page in a thread": (
        "motesanteckningar/gemensam-utvecklingsgrupp-2018-12-10.md",
        "title: Gemensam utvecklingsgrupp träffades den 10 december och pratade om diskriminering\n",
        "title: Gemensam utvecklingsgrupp träffades 10 december och pratade om diskriminering\n",
        "träffades 10 december",
    ),
    "an event's time": (
        "inbjudningar/inbjudan-till-sjalvhjalpsgrupp-for-anhoriga.md",
        "start: 2019-01-30 13:30",
        "start: 2019-01-30 13:45",
        "13:45",
    ),
    "a static page": ("sidor/om.md", None, "\nEn ny mening om arkivet.\n", "En ny mening om arkivet."),
    "a draft": ("nyheter/ett-utkast.md", None, "\nMer text i utkastet.\n", "Mer text i utkastet."),
}
# Drafts are rendered by another call of Pelican's (generate_drafts); the
# real content has none, so the preview's site gets one.
DRAFT = "---\ntitle: Ett utkast\ndate: 2019-02-08\ntype: nyhet\nstatus: draft\n---\n\nText.\n"


def settings_for(content, output):
    return runner.load_settings(
        str(ROOT / "pelicanconf.py"), str(content), str(output), {"ARCHIVE_BUILD_DATE": BUILD_DATE}
    )


def build(content, output):
    pelican = runner.new_pelican(settings_for(content, output))
    return pelican, runner.build(pelican, io.StringIO())


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The real site built once in this process, as `invoke serve` keeps it."""
    root = tmp_path_factory.mktemp("snabb")
    shutil.copytree(ROOT / "content", root / "content")
    (root / "content" / "nyheter" / "ett-utkast.md").write_text(DRAFT, encoding="utf-8")
    pelican, generators = build(root / "content", root / "preview")
    return root, pelican, generators


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1) if old else text + new, encoding="utf-8")
    return text


@pytest.mark.parametrize("case", EDITS)
def test_the_saved_page_is_the_page_the_full_rebuild_writes(preview, tmp_path, case):
    root, pelican, generators = preview
    relative, old, new, shows = EDITS[case]
    source = root / "content" / relative
    assert source.is_file(), f"{relative} finns inte längre: uppdatera EDITS"
    original = edit(source, old, new)
    try:
        written = quick_preview.render_saved_pages(pelican, generators, {str(source)})
        assert len(written) == 1
        page = os.path.relpath(written[0], root / "preview")
        assert not page.startswith(".."), written
        shown = (root / "preview" / page).read_bytes()
        build(root / "content", tmp_path / "full")
        assert shown == (tmp_path / "full" / page).read_bytes()
        assert shows in read_page(root / "preview" / page)
    finally:
        source.write_text(original, encoding="utf-8")


def test_a_page_invoke_new_makes_is_shown_before_the_rebuild(preview, tmp_path):
    """The editor's first save of a new page: the draft `invoke new` writes,
    at its own address under /utkast/, byte for byte the rebuild's."""
    import datetime as dt

    from archive_model.registry import load_registry

    from lararkiv import archetypes

    _root, pelican, _generators = preview
    path = archetypes.new_page(
        registry=load_registry(ROOT / "data" / "registry.yaml"), settings=pelican.settings,
        archetypes=ROOT / "data" / "arketyper", type_name="forskningsfrukost",
        title="Forskningsfrukost om tillit", today=dt.datetime(2026, 11, 24, 9, 0),
        administrations="sof", topics="samverkan",
    )
    try:
        assert_shown_as_rebuilt(preview, tmp_path, path, "Forskningsfrukost om tillit")
    finally:
        os.remove(path)


NEW_PAGES = {
    "a published news item": (
        "nyheter/fritidsbanken-oppnar-pa-drottninghog.md",
        (
            "---\ntitle: Fritidsbanken öppnar på Drottninghög\ndate: 2019-03-04\ntype: nyhet\n"
            "administrations: [sff]\n---\n\nLåna skridskor och flytvästar gratis.\n"
        ),
        "Låna skridskor och flytvästar gratis.",
    ),
    "a static page": (
        "sidor/kontakt.md",
        "---\ntitle: Kontakt\nsummary: Vart du vänder dig med frågor om arkivet.\n---\n\nSkriv till socialförvaltningen.\n",
        "Skriv till socialförvaltningen.",
    ),
}


@pytest.mark.parametrize("case", NEW_PAGES)
def test_a_new_page_is_shown_before_the_rebuild(preview, tmp_path, case):
    root, _pelican, _generators = preview
    relative, text, shows = NEW_PAGES[case]
    source = root / "content" / relative
    source.write_text(text, encoding="utf-8")
    try:
        assert_shown_as_rebuilt(preview, tmp_path, source, shows)
    finally:
        source.unlink()


def assert_shown_as_rebuilt(preview, tmp_path, source, shows):
    root, pelican, generators = preview
    written = quick_preview.render_saved_pages(pelican, generators, {str(source)})
    assert len(written) == 1
    page = os.path.relpath(written[0], root / "preview")
    try:
        shown = (root / "preview" / page).read_bytes()
        build(root / "content", tmp_path / "full")
        assert shown == (tmp_path / "full" / page).read_bytes()
        assert shows in read_page(root / "preview" / page)
    finally:
        os.remove(written[0])  # the module's last build never had it


@pytest.mark.parametrize(
    "change",
    [
        "a new file", "a new page at a taken address", "a new page in a series",
        "a content error", "a new address", "published → draft", "a non-page file",
        "another followed page", "another series", "an agenda written twice",
    ],
)
def test_what_it_cannot_render_exactly_is_left_to_the_rebuild(preview, change):
    root, pelican, generators = preview
    news = root / "content" / "nyheter" / "att-vilja-vidare-till-ett-meningsfullt-liv.md"
    minutes = root / "content" / "motesanteckningar" / "gemensam-utvecklingsgrupp-2018-12-10.md"
    invitation = root / "content" / "inbjudningar" / (
        "gemensam-utvecklingsgrupp-21-januari-om-stod-till-foraldrar-med-placerade-barn.md"
    )
    changes = {
        # A thread or a series is worked out from every page of the archive.
        "another followed page": (
            minutes,
            "follows: gemensam-utvecklingsgrupp-10-december-om-plan-for-lika-mojligheter",
            "follows: gemensam-utvecklingsgrupp-21-januari-om-stod-till-foraldrar-med-placerade-barn",
        ),
        "another series": (
            invitation, "series: gemensam-utvecklingsgrupp\n", "series: ledningsgrupp-for-utveckling\n"
        ),
        # The rebuild stops on it: the preview must not show one of the two.
        "an agenda written twice": (
            invitation, "series: gemensam-utvecklingsgrupp\n", "series: gemensam-utvecklingsgrupp\nagenda: [Välkomna]\n"
        ),
        "a new file": (root / "content" / "nyheter" / "ny.md", None, "---\ntitle: Ny\n---\n"),
        # Its address is the news item's: the rebuild stops on the clash.
        "a new page at a taken address": (
            root / "content" / "nyheter" / "ny.md", None,
            "---\ntitle: Ny\ndate: 2018-12-12\ntype: nyhet\nslug: att-vilja-vidare-till-ett-meningsfullt-liv\n---\n",
        ),
        "a new page in a series": (
            root / "content" / "inbjudningar" / "ny.md", None,
            "---\ntitle: Ny\ndate: 2019-03-01\ntype: inbjudan\nseries: gemensam-utvecklingsgrupp\n---\n",
        ),
        "a content error": (news, "title:", "titel:"),
        "a new address": (news, "title:", "slug: en-annan-adress\ntitle:"),
        "published → draft": (news, "title:", "status: draft\ntitle:"),
        "a non-page file": (ROOT / "data" / "registry.yaml", None, None),
    }
    path, old, new = changes[change]
    original = path.read_text(encoding="utf-8") if path.exists() else None
    before = sorted((root / "preview").rglob("*.html"))
    try:
        if new is not None:
            if original is None:
                path.write_text(new, encoding="utf-8")
            else:
                edit(path, old, new)
        assert quick_preview.render_saved_pages(pelican, generators, {str(path)}) == []
    finally:
        if original is None:
            path.unlink(missing_ok=True)
        elif new is not None:
            path.write_text(original, encoding="utf-8")
    assert sorted((root / "preview").rglob("*.html")) == before


def test_a_newer_save_stops_the_rebuild_before_the_search_index(tmp_path):
    """While the preview writes, a save that is waiting makes the build stop at
    the next file: its pages are out of date, and the search index and sitemap
    (``finalized``) are not built from them; nothing of the stopped build
    reaches the output folder (archive_model/staging.py)."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    pelican = runner.new_pelican(settings_for(tmp_path / "content", tmp_path / "out"))
    with pytest.raises(runner.Superseded):
        runner.build(pelican, io.StringIO(), superseded=lambda: True)
    assert not (tmp_path / "out").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".bygge")]


def test_saves_waiting_together_are_one_rebuild(tmp_path):
    from lararkiv import preview as serve

    feed = serve.ChangeFeed([str(tmp_path)])
    try:
        feed._batches.put({"a.md"})
        feed._batches.put({"b.md", "a.md"})
        assert feed.pending()
        assert feed.next() == {"a.md", "b.md"}
        assert not feed.pending()
    finally:
        feed.close()


def test_a_newer_save_stops_pagefind_and_keeps_the_last_index(preview, tmp_path):
    """Pagefind is the longest step of a rebuild (about 15 s at 10,000 pages):
    a stale preview build kills it and keeps the index it had."""
    from archive_search.indexer import build_index
    from archive_search.settings import search_settings

    root, pelican, _generators = preview
    output = root / "preview"
    started = tmp_path / "pagefind.pid"
    slow_pagefind = tmp_path / "pagefind"
    slow_pagefind.write_text(f"#!/bin/sh\necho $$ > {started}\nexec sleep 600\n", encoding="utf-8")
    slow_pagefind.chmod(0o755)
    options = {**search_settings(pelican.settings), "SEARCH_PAGEFIND_BINARY": str(slow_pagefind)}
    before = {p: p.read_bytes() for p in (output / "pagefind").rglob("*") if p.is_file()}
    with pytest.raises(runner.Superseded):
        build_index(output, options, superseded=started.exists)
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)
    after = {p: p.read_bytes() for p in (output / "pagefind").rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in output.iterdir() if p.name.startswith(".")) == []
