"""The archive builds and says what it should, whatever pages it holds: every
article file has its page with its title, its type's label and its date in
Swedish, the type and year listings lead to it, and the front page shows the
challenges of the registry and the newest page first."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from archive_model.registry import load_registry
from babel.dates import format_date
from sitebuild import ROOT, real_content

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
# Words of the seed's OCR damage: they must never come back, whatever is added.
OCR_DAMAGE = ["fran", "socialférvaltningen", "l6sningar", "Kkreativt", "tjanster", "invanare", "Inbabithon", "hilsa"]


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def articles(site):
    """{article file: its front matter and its built page's URL}, every
    article of the archive under test (static pages in sidor/ aside)."""
    content = real_content()
    found = {}
    for path in sorted(content.rglob("*.md")):
        relative = path.relative_to(content)
        if relative.parts[0] == "sidor":
            continue
        front = front_matter(path)
        slug = str(front.get("slug") or path.stem)
        pages = [p.parent.relative_to(site.root).as_posix() + "/" for p in site.root.glob(f"arkiv/*/*/{slug}/index.html")]
        drafts = [f"utkast/{slug}/"] if (site.root / "utkast" / slug / "index.html").exists() else []
        page, *others = pages + drafts or [None]
        assert page, f"{relative}: no page"
        assert not others, f"{relative}: more than one page: {[page, *others]}"
        found[relative.as_posix()] = (front, page)
    assert found, "the archive under test has no article"
    return found


def test_each_article_has_its_page(site, articles):
    for source, (front, url) in articles.items():
        soup = site.soup(url)
        assert soup.html["lang"] == "sv", source
        assert soup.h1.get_text(strip=True) == str(front["title"]).strip(), source
        label = soup.select_one(".la-article__type").get_text(strip=True)
        assert label == REGISTRY.types[front["type"]].label, source
        published = soup.select_one(".la-meta time")
        day = dt.date.fromisoformat(published["datetime"])
        assert published["datetime"] == str(front["date"])[:10], source
        assert published.get_text(strip=True) == format_date(day, "EEEE d MMMM y", locale="sv"), source


def test_type_and_year_listings_link_to_each_article(site, articles):
    for source, (_front, url) in articles.items():
        if url.startswith("utkast/"):
            continue  # a draft is in no listing
        year = url.split("/")[1]
        type_slug = site.soup(url).select_one(".la-article__type a")["href"].rstrip("/").rsplit("/", 1)[-1]
        for listing in (f"typ/{type_slug}/", f"arkiv/{year}/"):
            assert url in linked_targets(site, listing), f"{listing} does not link to {url} ({source})"


def linked_targets(site, listing_url):
    """Every page a listing (and its following pages) links to, site-relative."""
    targets, pending, seen = set(), [listing_url], set()
    while pending:
        current = pending.pop()
        seen.add(current)
        for link in site.soup(current).select("a[href]"):
            target = urlparse(urljoin("/" + current, link["href"])).path.lstrip("/")
            targets.add(target)
            if "/sida/" in target and target not in seen:
                pending.append(target)
    return targets


def test_front_page_shows_the_registrys_challenges_and_the_newest_page_first(site, articles):
    soup = site.soup("")
    # The visible name; screen readers also hear ", förvaltningens utmaning".
    challenges = [a.find(string=True).strip() for a in soup.select(".la-challenges a")]
    owners = sorted(a.name for a in REGISTRY.administrations.values() if a.primary and a.challenge)
    assert challenges == owners
    published = [(str(front["date"]), str(front["title"]).strip()) for front, url in articles.values() if url.startswith("arkiv/")]
    newest = max(date for date, _title in published)
    latest = soup.select(".la-listing .la-card__title a")
    assert latest[0].get_text(strip=True) in {title for date, title in published if date == newest}


def test_ocr_damage_appears_nowhere(site):
    # The visible text: URLs and heading ids are ASCII slugs on purpose.
    # Whole words: "siffran" is Swedish, "fran" alone is damaged "från".
    damage = re.compile(r"\b(" + "|".join(map(re.escape, OCR_DAMAGE)) + r")\b")
    for path in site.html_files():
        visible = site.soup(str(path.relative_to(site.root))).get_text(" ")
        found = damage.search(visible)
        assert not found, f"{found and found.group()!r} in {path}"


def test_no_placeholder_text_or_orphan_photo_credits(site):
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        assert "Lorem ipsum" not in text and "Foto: Jac Dupont" not in text, path


def test_the_404_page_exists_and_leads_on(site):
    soup = site.soup("404.html")
    assert soup.h1.get_text(strip=True) == "Sidan finns inte"
    assert soup.select("main a[href]")


def test_nothing_is_loaded_from_another_origin(site):
    """No CDN, web font, analytics or embedded frame: every script, style,
    font, image and frame comes from the site itself."""
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.root)))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                value = element.get(attribute)
                if not value or (tag == "link" and "stylesheet" not in element.get("rel", []) and "preload" not in element.get("rel", [])):
                    continue
                assert not urlparse(value).netloc and not value.startswith("//"), f"{path}: {tag} {value}"
        assert "@import url(http" not in path.read_text(encoding="utf-8")
    for css in site.root.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css


def test_pages_have_one_h1_and_landmarks(site):
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.root)))
        assert len(soup.find_all("h1")) == 1, path
        assert soup.find("main", id="main-content"), path
        assert soup.select_one("a.la-skip-link[href='#main-content']"), path


def test_preview_links_are_relative_so_the_site_works_under_any_sub_path(site):
    """RELATIVE_URLS is on in pelicanconf: a root-absolute link ("/arkiv/")
    would leave a site published under /lararkiv/ (macros must be imported
    `with context` to see SITEURL)."""
    for path in site.html_files():
        soup = site.soup(str(path.relative_to(site.root)))
        for element in soup.select("[href], [src], [action]"):
            for attribute in ("href", "src", "action"):
                value = element.get(attribute, "")
                assert not (value.startswith("/") and not value.startswith("//")), f"{path}: {attribute}={value}"
