"""What a screen reader says about where the reader is, read from the built
HTML of the real site: the main menu's current item, a title of its own for
every page (paginated listings too), headings without skipped levels, link
texts that keep their promise out of context."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from sitebuild import ROOT, BuiltSite, pelican_build


def current_item(soup):
    """(label, aria-current) of the main menu's current item, or None."""
    link = soup.select_one('nav[aria-label="Huvudmeny"] a[aria-current]')
    return (link.get_text(strip=True), link["aria-current"]) if link else None


def test_menu_says_current_page_only_on_the_sections_own_page(site):
    """aria-current="page" is read as "current page": on a topic page the
    menu's "Ämnen" is the section the page is in ("true"), not the page."""
    assert current_item(site.soup("")) == ("Startsida", "page")
    assert current_item(site.soup("amne/")) == ("Ämnen", "page")
    assert current_item(site.soup("forvaltning/")) == ("Förvaltningar", "page")
    assert current_item(site.soup("kalender/")) == ("Kalender", "page")
    assert current_item(site.soup("sok/")) == ("Sök", "page")
    inside = {
        "amne/*/index.html": "Ämnen",
        "typ/*/index.html": "Typer",
        "arkiv/[0-9][0-9][0-9][0-9]/index.html": "Arkiv",
        "forvaltning/*/index.html": "Förvaltningar",
        "forvaltning/*/sida/*/index.html": "Förvaltningar",
        "serie/*/index.html": "Mötesserier",
    }
    for pattern, label in inside.items():
        pages = sorted(site.root.glob(pattern))
        assert pages, pattern
        for path in pages:
            assert current_item(site.soup(path.relative_to(site.root).as_posix())) == (
                label,
                "true",
            ), path


def test_menu_marks_nothing_on_an_article(site):
    path = sorted(site.root.glob("arkiv/*/*/*/index.html"))[0]
    assert current_item(site.soup(path.relative_to(site.root).as_posix())) is None


@pytest.fixture(scope="module")
def paginated_site(tmp_path_factory):
    """The real content with three pages a listing page, so that topics,
    types and years have second pages too."""
    output = tmp_path_factory.mktemp("paginated")
    result = pelican_build(output, extra=("-e", "DEFAULT_PAGINATION=3"))
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


def titles_and_headings(site):
    found = {}
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        if relative.startswith("pagefind/"):
            continue
        soup = site.soup(relative)
        found[relative] = (soup.title.get_text(strip=True), soup.h1.get_text(strip=True))
    return found


def test_every_page_of_a_listing_has_a_title_and_heading_of_its_own(paginated_site):
    """WCAG 2.4.2: "Ämne: samverkan" page 2 is not page 1; a screen reader's
    window list, the history and the heading say which page is which."""
    pages = titles_and_headings(paginated_site)
    later = {path: texts for path, texts in pages.items() if "/sida/" in path}
    kinds = {path.split("/")[0] for path in later}
    assert {"amne", "typ", "arkiv", "forvaltning"} <= kinds, kinds
    for path, (title, heading) in later.items():
        number = path.split("/sida/")[1].split("/")[0]
        assert f", sida {number} – " in title, (path, title)
        assert heading.endswith(f", sida {number}"), (path, heading)
    repeated = [
        title for title, count in Counter(title for title, _ in pages.values()).items() if count > 1
    ]
    assert not repeated, repeated


def test_headings_skip_no_level(site):
    """A screen reader's heading list is the page's outline: an h4 straight
    under an h2 looks like something is missing."""
    skips = []
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        if relative.startswith("pagefind/"):
            continue
        level = 0
        for heading in site.soup(relative).find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
            if heading.find_parent(attrs={"hidden": True}):
                continue
            new = int(heading.name[1])
            if new > level + 1:
                skips.append(
                    f"{relative}: {heading.name} {heading.get_text(strip=True)[:40]!r}"
                    f" after h{level}"
                )
            level = new
    assert not skips, "\n".join(skips)


def test_a_link_named_after_an_administration_leads_to_its_front_door(site):
    """A screen reader's list of links shows each link's text alone: one that
    says only "Socialförvaltningen" must lead to Socialförvaltningen's page
    (the front page's challenges said so and led to the challenge). The
    theme's links only: an editor's text (.la-prose) is the editor's."""
    registry = yaml.safe_load((ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"))
    front_doors = {
        entry["name"]: f"/forvaltning/{slug}/"
        for slug, entry in registry["administrations"].items()
    }
    wrong = []
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        if relative.startswith("pagefind/"):
            continue
        for link in site.soup(relative).select("a[href]:not(.la-prose a)"):
            name = " ".join(link.get_text(" ").split())
            if name in front_doors:
                target = urlparse(urljoin(f"http://site/{relative}", link["href"])).path
                if target != front_doors[name]:
                    wrong.append(f"{relative}: {name!r} → {target}")
    assert not wrong, "\n".join(wrong)
