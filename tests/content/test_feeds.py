"""What feed readers get: every Atom feed of the production build read as a
reader reads it (XML, RFC 4287), found the way a reader finds it (the pages'
``<link rel="alternate">``), with absolute links and Swedish as its language."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from archive_administrations.settings import administration_settings
from archive_model.registry import load_registry
from bs4 import BeautifulSoup
from pelican.settings import read_settings
from sitebuild import ROOT

SITEURL = "https://lararkiv.helsingborg.se"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def feeds(published_site):
    found = {
        p.relative_to(published_site.root).as_posix(): ElementTree.parse(p).getroot()
        for p in sorted(published_site.root.rglob("*.atom.xml"))
    }
    # The site's, each type's and each administration's in the registry:
    # whatever the archive holds, none missing and none more.
    settings = read_settings(str(ROOT / "publishconf.py"))
    registry = load_registry(ROOT / "data" / "registry.yaml")
    administration_feed = administration_settings(settings)["ADMINISTRATION_FEED_ATOM"]
    expected = {settings["FEED_ALL_ATOM"]}
    expected |= {settings["CATEGORY_FEED_ATOM"].format(slug=slug) for slug in registry.types}
    expected |= {administration_feed.format(slug=slug) for slug in registry.administrations}
    assert set(found) == expected
    return found


def links(element, rel):
    return [link.get("href") for link in element.findall(f"{ATOM}link") if link.get("rel", "alternate") == rel]


def test_feeds_are_swedish(feeds):
    for path, feed in feeds.items():
        assert feed.get(XML_LANG) == "sv", path


def test_each_feed_has_its_own_id_and_self_link(feeds):
    ids = {}
    for path, feed in feeds.items():
        (self_link,) = links(feed, "self")
        assert self_link == f"{SITEURL}/{path}", path
        ids.setdefault(feed.findtext(f"{ATOM}id"), []).append(path)
    shared = {feed_id: paths for feed_id, paths in ids.items() if len(paths) > 1}
    assert not shared, f"feeds sharing one id: {shared}"


def test_feeds_are_found_from_the_page_they_link_back_to(published_site, feeds):
    """A reader's autodiscovery: the feed's alternate page has a
    ``<link rel="alternate">`` to the feed, with the feed's own title."""
    for path, feed in feeds.items():
        (page,) = links(feed, "alternate")
        assert page.startswith(SITEURL + "/"), path
        soup = published_site.soup(urlsplit(page).path)
        discovered = {
            link["href"]: link.get("title")
            for link in soup.head.find_all("link", rel="alternate", type="application/atom+xml")
        }
        assert f"{SITEURL}/{path}" in discovered, f"{page} does not point to {path}"
        title = feed.findtext(f"{ATOM}title")
        assert title.startswith("Öppna lärarkivet – "), path
        assert title.endswith(discovered[f"{SITEURL}/{path}"].removeprefix("Öppna lärarkivet – ").removesuffix(" – nya sidor")), path
    assert feeds["feeds/typ/inbjudan.atom.xml"].findtext(f"{ATOM}title") == "Öppna lärarkivet – Inbjudningar"


def test_every_entry_has_an_author_with_a_name(feeds):
    """Atom (RFC 4287 4.1.1): an entry without its own author takes the feed's;
    an empty ``<name/>`` is no name."""
    for path, feed in feeds.items():
        feed_author = (feed.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        for entry in feed.findall(f"{ATOM}entry"):
            names = [(n.text or "").strip() for n in entry.findall(f"{ATOM}author/{ATOM}name")]
            assert all(names), f"{path}: empty author name in {entry.findtext(f'{ATOM}title')}"
            assert names or feed_author, f"{path}: no author for {entry.findtext(f'{ATOM}title')}"
    assert feeds["feeds/alla.atom.xml"].findtext(f"{ATOM}author/{ATOM}name") == "Helsingborgs stad, socialförvaltningen"


def test_entries_have_stable_ids_dates_with_zones_and_absolute_links(published_site, feeds):
    site_entries = feeds["feeds/alla.atom.xml"].findall(f"{ATOM}entry")
    site_ids = {entry.findtext(f"{ATOM}id") for entry in site_entries}
    assert site_entries and len(site_ids) == len(site_entries)
    for path, feed in feeds.items():
        assert RFC3339.match(feed.findtext(f"{ATOM}updated")), path
        for entry in feed.findall(f"{ATOM}entry"):
            entry_id = entry.findtext(f"{ATOM}id")
            (link,) = links(entry, "alternate")
            assert entry_id.startswith("tag:lararkiv.helsingborg.se,") and entry_id.endswith(urlsplit(link).path), entry_id
            assert entry_id in site_ids, f"{path}: {entry_id} is not the id the site's feed gives the page"
            for name in ("updated", "published"):
                assert RFC3339.match(entry.findtext(f"{ATOM}{name}")), f"{path}: {name}"
            assert link.startswith(SITEURL + "/") and published_site.path(urlsplit(link).path).exists(), link
            for name in ("summary", "content"):
                html = entry.findtext(f"{ATOM}{name}") or ""
                soup = BeautifulSoup(html, "html.parser")
                for tag, attribute in (("a", "href"), ("img", "src")):
                    for element in soup.find_all(tag):
                        target = element.get(attribute, "")
                        assert re.match(r"^(https?:|mailto:|tel:|#)", target), f"{path}: relative {target} in {name}"


def test_every_page_points_to_the_site_feed(published_site):
    for page in published_site.html_files():
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        hrefs = [link["href"] for link in head.find_all("link", rel="alternate", type="application/atom+xml")]
        assert f"{SITEURL}/feeds/alla.atom.xml" in hrefs, page
