"""What every page gives a browser and a search engine in its <head>
(issue 21): a meta description that says what the page is, in plain text
trimmed at a word, and the site's own icon (no 404 for /favicon.ico).
Read from the built HTML of the real site: it holds for any archive."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urljoin

import pytest
from sitebuild import ROOT, real_content

sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "theme"))

import make_icons
from archive_model.reader import split_front_matter
from archive_model.yaml_loader import load_with_lines
from archive_publish.describe import MAX_LENGTH, meta_description, plain_text

SKIPPED = ("theme/", "pagefind/")


def pages(site):
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        if not relative.startswith(SKIPPED):
            yield relative.removesuffix("index.html"), path


def words(text):
    return " ".join(text.split())


def test_every_page_has_one_plain_meta_description_trimmed_at_a_word(site):
    seen = 0
    for url, _path in pages(site):
        soup = site.soup(url or "") if url != "404.html" else site.soup("404.html")
        found = soup.find_all("meta", attrs={"name": "description"})
        assert len(found) == 1, url
        text = found[0]["content"]
        assert text.strip() and len(text) <= MAX_LENGTH, (url, text)
        assert "<" not in text and "&lt;" not in text and "&amp;" not in text, (url, text)
        assert text == words(text), (url, text)
        if text.endswith("…"):
            assert text[-2] not in " ,;:", (url, text)
        seen += 1
    assert seen


def summaries():
    """``{slug: summary}`` written in the pages' front matter."""
    found = {}
    for path in real_content().rglob("*.md"):
        front, line, _body = split_front_matter(path.read_text(encoding="utf-8-sig"), str(path))
        meta, _ = load_with_lines(front, line)
        if isinstance(meta, dict) and meta.get("summary"):
            found[str(meta.get("slug") or path.stem)] = words(str(meta["summary"]))
    return found


def test_an_article_is_described_by_its_own_words(site):
    """Its summary, else how its text begins (a page without text is
    described by its listing's sentence, which every page's test covers)."""
    written = summaries()
    articles = [url for url, _path in pages(site) if url.startswith("arkiv/") and url.count("/") == 4]
    assert articles
    for url in articles:
        soup = site.soup(url)
        text = soup.find("meta", attrs={"name": "description"})["content"].removesuffix("…")
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        prose = soup.select_one(".la-prose")
        if slug in written:
            assert written[slug].startswith(text), url
        elif prose is not None:
            assert words(prose.get_text(" ")).startswith(text), url


DESCRIBED = [
    # (texts offered, description)
    (["<p>Kort &amp; klart.</p>"], "Kort & klart."),
    (["", None, "<p>  </p>", "<h2>Rubrik</h2><p>Text</p>"], "Rubrik Text"),
    (["<p>Före</p><script>alert(1)</script><p>efter</p>"], "Före efter"),
    ([["", "<p>Ur listan</p>"], "sist"], "Ur listan"),
    (["ord " * 60], ("ord " * 38).strip() + "…"),
    (["Anhörigstöd, " + "x" * 150], "Anhörigstöd…"),
]


@pytest.mark.parametrize("texts,expected", DESCRIBED, ids=range(len(DESCRIBED)))
def test_meta_description_of_texts(texts, expected):
    assert meta_description(*texts) == expected
    assert len(expected) <= MAX_LENGTH


def test_plain_text_keeps_words_apart_across_blocks():
    assert plain_text("<p>ett</p><p>två</p><ul><li>tre</li></ul>") == "ett två tre"


def test_every_page_links_the_sites_icon_and_it_is_served(site):
    for url, _path in pages(site):
        soup = site.soup(url or "") if url != "404.html" else site.soup("404.html")
        links = {(link["rel"][0], link.get("type")): link["href"] for link in soup.select('link[rel~="icon"], link[rel="apple-touch-icon"]')}
        assert set(links) == {("icon", "image/svg+xml"), ("icon", "image/png"), ("apple-touch-icon", None)}, url
        for href in links.values():
            target = urljoin(f"http://site/{url}", href).removeprefix("http://site/")
            assert (site.root / target).is_file(), (url, href)
    ico = (site.root / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 1
    for index in range(count):
        size, offset = struct.unpack("<II", ico[6 + 16 * index + 8 : 6 + 16 * index + 16])
        assert ico[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(ico)


def test_the_icon_is_ours_and_passive():
    """The SVG is what theme/make_icons.py draws, and holds shapes only: no
    script, no link, nothing a browser runs or fetches."""
    icons = ROOT / "theme" / "static" / "icons"
    assert (icons / "favicon.svg").read_text(encoding="utf-8") == make_icons.svg()
    tree = ET.fromstring((icons / "favicon.svg").read_text(encoding="utf-8"))
    assert {element.tag.split("}")[-1] for element in tree.iter()} == {"svg", "rect"}
    assert all(not name.startswith("on") and "href" not in name for element in tree.iter() for name in element.attrib)
    for name, size in (("favicon-32.png", 32), ("apple-touch-icon.png", 180)):
        data = (icons / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (size, size)
