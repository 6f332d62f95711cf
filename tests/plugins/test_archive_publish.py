"""archive_publish: content-hashed CSS/JS names that change with the file and
always resolve; sitemap.xml and robots.txt in every build."""

from __future__ import annotations

import hashlib
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, BuiltSite

sys.path.insert(0, str(ROOT / "plugins"))

from archive_publish.assets import MissingAssetError, make_asset_url


def page_soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


HASHED = re.compile(r"/theme/(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<ext>\.(?:css|js|mjs))$")


def local_assets(site, html_path):
    """(reference, file) for each stylesheet and script a page loads from the site."""
    soup = page_soup(html_path)
    found = []
    for tag in soup.find_all(["link", "script"]):
        reference = tag.get("href") if tag.name == "link" else tag.get("src")
        if not reference or (tag.name == "link" and "stylesheet" not in tag.get("rel", [])):
            continue
        parts = urlsplit(reference)
        if parts.scheme or parts.netloc:
            continue
        target = (
            (html_path.parent / parts.path).resolve()
            if not parts.path.startswith("/")
            else site.root / parts.path.lstrip("/")
        )
        found.append((reference, target))
    return found


def test_every_stylesheet_and_script_reference_resolves(site):
    checked = 0
    for html in site.html_files():
        for reference, target in local_assets(site, html):
            assert target.is_file(), f"{html.relative_to(site.root)}: {reference}"
            checked += 1
    assert checked


def test_theme_css_is_referenced_by_its_content_hash(site):
    references = [ref for ref, _ in local_assets(site, site.path("/"))]
    stylesheets = [ref for ref in references if ref.endswith(".css")]
    assert stylesheets
    for reference in stylesheets:
        match = HASHED.search(reference)
        assert match, f"{reference} has no content hash"
        source = ROOT / "theme" / "static" / (match["stem"] + match["ext"])
        built = site.root / "theme" / f"{match['stem']}.{match['hash']}{match['ext']}"
        assert built.read_bytes() == source.read_bytes()
        assert match["hash"] == hashlib.sha256(source.read_bytes()).hexdigest()[:10]


def stylesheet_names(output):
    soup = page_soup(output / "index.html")
    return {
        HASHED.search(link["href"])["stem"]: link["href"].rsplit("/", 1)[1]
        for link in soup.find_all("link", rel="stylesheet")
        if HASHED.search(link["href"])
    }


def test_a_changed_file_gets_a_new_name_and_the_others_keep_theirs(small_site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    first_build = small_site.build("-e", f'THEME="{theme}"')
    assert first_build.returncode == 0, first_build.stderr
    first = stylesheet_names(small_site.output)
    with open(theme / "static" / "css" / "base.css", "a", encoding="utf-8") as css:
        css.write("\n/* ändrad */\n")
    small_site.output = tmp_path / "second"
    second_build = small_site.build("-e", f'THEME="{theme}"')
    assert second_build.returncode == 0, second_build.stderr
    second = stylesheet_names(small_site.output)
    assert first["css/base"] != second["css/base"]
    assert {k: v for k, v in first.items() if k != "css/base"} == {
        k: v for k, v in second.items() if k != "css/base"
    }
    assert (
        (small_site.output / "theme" / "css" / second["css/base"])
        .read_bytes()
        .endswith(b"/* \xc3\xa4ndrad */\n")
    )


def test_asset_url_names_a_missing_file():
    settings = {
        "THEME": str(ROOT / "theme"),
        "THEME_STATIC_PATHS": ["static"],
        "THEME_STATIC_DIR": "theme",
    }
    asset_url = make_asset_url(settings)
    assert re.fullmatch(
        r"\.\./theme/css/base\.[0-9a-f]{10}\.css", asset_url({"SITEURL": ".."}, "css/base.css")
    )
    with pytest.raises(MissingAssetError, match=r"css/finns-inte\.css"):
        asset_url({"SITEURL": ""}, "css/finns-inte.css")


def test_the_preview_build_has_a_sitemap_and_robots_txt(site: BuiltSite):
    tree = ET.parse(site.root / "sitemap.xml")
    locations = [
        loc.text for loc in tree.getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert "http://localhost:8000/" in locations
    assert locations == sorted(locations)
    assert "Sitemap: http://localhost:8000/sitemap.xml" in site.text("/robots.txt")


def test_the_sitemap_leaves_out_hidden_folders(tmp_path):
    """A build's scratch space (the search index's staging folder and fresh
    bundle, which Pagefind may still be writing) is never a page."""
    from archive_publish.sitemap import listed_pages

    for page in ("om/index.html", ".pagefind-sidor/om/index.html", ".pagefind-ny/x.html"):
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<!doctype html><title>x</title>", encoding="utf-8")
    assert listed_pages(tmp_path, {}) == ["om/"]
