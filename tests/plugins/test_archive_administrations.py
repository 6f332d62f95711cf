"""Administrations: every page tagged by förvaltning reaches that
administration's front door, its feed and its badges; spellings resolve and
unknown names stop the build with a suggestion."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from sitebuild import ROOT, BuiltSite, real_content

sys.path.insert(0, str(ROOT / "plugins"))
from archive_model.registry import load_registry

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
ATOM = "{http://www.w3.org/2005/Atom}"
ARTICLE_FOLDERS = [t.folder for t in REGISTRY.types.values()]


def front_matter(path):
    text = path.read_text(encoding="utf-8-sig")
    return yaml.safe_load(text.split("---", 2)[1]) or {}


def article_url(path, meta):
    # ARTICLE_URL = arkiv/{date:%Y}/{date:%m}/{slug}/; the seed's file names are ASCII slugs.
    date = str(meta["date"])
    return f"arkiv/{date[:4]}/{date[5:7]}/{meta.get('slug', path.stem)}/"


def tagged_in_sources(content=None):
    """{administration slug: {article URL}} from the Markdown sources themselves,
    every spelling resolved through the registry as the reader does."""
    content = content or real_content()
    tagged = {slug: set() for slug in REGISTRY.administrations}
    for folder in ARTICLE_FOLDERS:
        for path in sorted((content / folder).glob("*.md")):
            meta = front_matter(path)
            if meta.get("status", "published") != "published":
                continue
            written = meta.get("administrations") or []
            for value in [written] if isinstance(written, str) else written:
                tagged[REGISTRY.administration(value).slug].add(article_url(path, meta))
    return tagged


def site_path(page_url, href):
    """A link on the page at `page_url` as a site-relative path."""
    return urlparse(urljoin("/" + page_url, href)).path.lstrip("/")


def listed_on_front_door(site, url):
    """Every article the front door's "Allt om …" list links to, following
    its pagination; and the pages visited."""
    listed, visited = [], []
    while url:
        visited.append(url)
        section = site.soup(url).find(id="alla-rubrik").find_parent("section")
        listed += [site_path(url, a["href"]) for a in section.select(".la-card__title a")]
        following = section.select_one("a[rel=next]")
        url = site_path(url, following["href"]) if following else None
    return listed, visited


SLUGS = list(REGISTRY.administrations)


@pytest.mark.parametrize("slug", SLUGS)
def test_each_front_door_lists_exactly_the_pages_tagged_with_it(site, slug):
    listed, _ = listed_on_front_door(site, f"forvaltning/{slug}/")
    assert len(listed) == len(set(listed)), "a page is listed twice"
    assert set(listed) == tagged_in_sources()[slug]


@pytest.mark.parametrize("slug", SLUGS)
def test_front_door_shows_name_description_and_latest_notes_and_reports(site, slug):
    entry = REGISTRY.administrations[slug]
    soup = site.soup(f"forvaltning/{slug}/")
    assert soup.h1.get_text(" ", strip=True) == f"{entry.name} ({entry.abbreviation})"
    assert entry.description in soup.find("main").get_text(" ", strip=True)
    latest = soup.find(id="senaste-rubrik").find_parent("section")
    types = [p.get_text(strip=True) for p in latest.select(".la-card__type")]
    assert set(types) <= {"Mötesanteckningar", "Rapport"}
    dates = [t["datetime"] for t in latest.select(".la-card__date time")]
    assert dates == sorted(dates, reverse=True)
    expected = {
        url for url in tagged_in_sources()[slug]
        if site.soup(url).select_one(".la-article__type").get_text(strip=True) in {"Mötesanteckningar", "Rapport"}
    }
    shown = {site_path(f"forvaltning/{slug}/", a["href"]) for a in latest.select(".la-card__title a")}
    assert shown <= expected and len(shown) == min(len(expected), 5)
    if not expected:
        assert latest.select_one(".la-listing__empty")


@pytest.mark.parametrize("admin", REGISTRY.primary_administrations, ids=lambda a: a.slug)
def test_front_door_of_each_primary_administration_links_its_challenge(site, admin):
    url = f"forvaltning/{admin.slug}/"
    section = site.soup(url).find(id="utmaning-rubrik").find_parent("section")
    target = site_path(url, section.select_one(".la-card__title a")["href"])
    assert target.rstrip("/").endswith("/" + admin.challenge)
    assert site.soup(target).select_one(".la-article__type").get_text(strip=True) == "Utmaning"


def test_overview_lists_every_administration_with_its_count(site):
    soup = site.soup("forvaltning/")
    tagged = tagged_in_sources()
    items = soup.select(".la-administration-list__item")
    assert [site_path("forvaltning/", i.a["href"]) for i in items] == (
        [f"forvaltning/{a.slug}/" for a in REGISTRY.administrations.values() if a.primary]
        + [f"forvaltning/{a.slug}/" for a in REGISTRY.administrations.values() if not a.primary]
    )
    for item in items:
        slug = site_path("forvaltning/", item.a["href"]).split("/")[1]
        count = len(tagged[slug])
        assert item.select_one(".la-count").get_text(strip=True) == f"{count} {'sida' if count == 1 else 'sidor'}"
    nav = soup.select_one(".la-nav a[aria-current=page]")
    assert nav.get_text(strip=True) == "Förvaltningar"


def parse_feed(path):
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    return root


@pytest.mark.parametrize("slug", SLUGS)
def test_feed_is_atom_with_an_entry_per_tagged_page(site, slug):
    feed = parse_feed(site.path(f"feeds/forvaltning/{slug}.atom.xml"))
    assert REGISTRY.administrations[slug].name in feed.findtext(f"{ATOM}title")
    for required in ("id", "updated"):
        assert feed.findtext(f"{ATOM}{required}"), required
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link.endswith(f"/feeds/forvaltning/{slug}.atom.xml")
    site_link = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
    entries = feed.findall(f"{ATOM}entry")
    linked = set()
    for entry in entries:
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}id") and entry.findtext(f"{ATOM}updated")
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        linked.add(urlparse(urljoin(site_link, href)).path.lstrip("/"))
    assert len(entries) == len(linked)
    assert linked == tagged_in_sources()[slug]
    assert all(site.path(url).exists() for url in linked)


@pytest.mark.parametrize("slug", SLUGS)
def test_feed_is_linked_from_the_front_door_in_head_and_visibly(site, slug):
    url = f"forvaltning/{slug}/"
    soup = site.soup(url)
    feed_path = f"feeds/forvaltning/{slug}.atom.xml"
    alternate = soup.select("head link[rel=alternate][type='application/atom+xml']")
    assert feed_path in {site_path(url, link["href"]) for link in alternate}
    visible = [a for a in soup.find("main").select("a[href]") if site_path(url, a["href"]) == feed_path]
    assert visible and "Atom" in visible[0].get_text()


def badge_targets(soup, page_url):
    """(site-relative target, visible text) of each badge; fails on a badge that is not a link."""
    found = []
    for badge in soup.select(".la-badge"):
        link = badge.find("a", href=True)
        assert link is not None, f"{page_url}: badge without a link: {badge}"
        found.append((site_path(page_url, link["href"]), link.get_text(" ", strip=True)))
    return found


def test_badges_on_every_article_are_text_links_to_its_administrations(site):
    tagged = tagged_in_sources()
    for slug, urls in tagged.items():
        entry = REGISTRY.administrations[slug]
        for url in urls:
            badges = dict(badge_targets(site.soup(url), url))
            assert f"forvaltning/{slug}/" in badges, f"{url} lacks the {slug} badge"
            text = badges[f"forvaltning/{slug}/"]
            assert entry.abbreviation in text and entry.name in text
    for url in {u for urls in tagged.values() for u in urls}:
        expected = {f"forvaltning/{s}/" for s, urls in tagged.items() if url in urls}
        header = site.soup(url).select_one(".la-article__header")
        assert {t for t, _ in badge_targets(header, url)} == expected, url


def test_badges_in_listings_link_to_existing_front_doors(site):
    listings = ["", "typ/nyhet/", "arkiv/2018/", "forvaltning/sof/"]
    for url in listings:
        targets = badge_targets(site.soup(url), url)
        assert targets, f"no badges on {url}"
        for target, text in targets:
            assert site.path(target).exists(), target
            assert text, target


@pytest.mark.parametrize("written", ["sof", "SOF", "Socialförvaltningen", "socialforvaltningen", "SOCIALFÖRVALTNINGEN"])
def test_every_spelling_reaches_the_same_front_door(small_site, written):
    small_site.write("nyheter/stavning.md", f"---\ntitle: Stavning\ndate: 2019-02-08\ntype: nyhet\nadministrations: [{written}]\n---\nText.\n")
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    listed, _ = listed_on_front_door(BuiltSite(small_site.output), "forvaltning/sof/")
    assert "arkiv/2019/02/stavning/" in listed


def test_unknown_administration_stops_the_build_with_the_nearest_one(small_site):
    small_site.write("nyheter/okand.md", "---\ntitle: Okänd\ndate: 2019-02-08\ntype: nyhet\nadministrations: [socialförvaltning]\n---\nText.\n")
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "nyheter/okand.md:5: fält 'administrations.0': okänd förvaltning 'socialförvaltning'" in output
    assert "menade du 'sof' (Socialförvaltningen)" in output
    assert not small_site.output.exists()


def test_front_door_is_paginated_and_every_page_is_reached(small_site):
    generated = set()
    for number in range(1, 13):
        small_site.write(
            f"nyheter/administrations_paginering_{number:02}.md",
            f"---\ntitle: Sida {number}\ndate: 2019-03-{number:02}\ntype: nyhet\nadministrations: [vof]\n---\nText.\n",
        )
        generated.add(f"arkiv/2019/03/administrations_paginering_{number:02}/")
    result = small_site.build("-e", "DEFAULT_PAGINATION=5")
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(small_site.output)
    listed, visited = listed_on_front_door(site, "forvaltning/vof/")
    assert visited == ["forvaltning/vof/", "forvaltning/vof/sida/2/", "forvaltning/vof/sida/3/"]
    assert sorted(listed) == sorted(generated)
    assert listed == sorted(listed, reverse=True), "newest first"
    second = site.soup("forvaltning/vof/sida/2/")
    assert second.select_one(".la-pagination [aria-current=page]").get_text(strip=True) == "Sida 2 av 3"
    assert site_path("forvaltning/vof/sida/2/", second.select_one("a[rel=prev]")["href"]) == "forvaltning/vof/"
    # The front door's own sections appear once, on the first page.
    assert site.soup("forvaltning/vof/").find(id="senaste-rubrik")
    assert second.find(id="senaste-rubrik") is None
    assert "sida 2" in second.title.get_text()


def test_missing_challenge_page_is_warned_about_with_the_registry_entry(small_site, monkeypatch):
    monkeypatch.setenv("COLUMNS", "500")  # one log record, one line
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "data/registry.yaml: förvaltningen 'sof': utmaningen 'sof-en-meningsfull-vardag' finns inte" in output
    assert BuiltSite(small_site.output).soup("forvaltning/sof/").find(id="utmaning-rubrik") is None


def test_administration_without_pages_gets_an_empty_state_and_a_stable_feed(small_site):
    # The minimal site tags nothing with VOF.
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(small_site.output)
    section = site.soup("forvaltning/vof/").find(id="alla-rubrik").find_parent("section")
    assert section.select_one(".la-listing__empty")
    feed = parse_feed(site.path("feeds/forvaltning/vof.atom.xml"))
    assert feed.findall(f"{ATOM}entry") == []
    # The build date (pinned by the tests), not the clock.
    assert feed.findtext(f"{ATOM}updated").startswith("2026-11-24")


def test_the_seed_content_is_tagged_as_the_issue_asks():
    tagged = tagged_in_sources()

    def administrations_of(stem):
        return {slug for slug, urls in tagged.items() if any(u.rstrip("/").endswith("/" + stem) for u in urls)}

    # Two seed pages whose tags the issue named, as long as they are in the
    # archive under test (an archive without them is no less correct).
    for stem, expected in (
        ("kartlaggning-av-aktivitetsbehov-hos-utsatta-grupper", {"sof", "amf"}),
        ("att-vilja-vidare-till-ett-meningsfullt-liv", {"fritid-helsingborg", "amf", "sof"}),
    ):
        if any(real_content().rglob(f"{stem}.md")):
            assert administrations_of(stem) == expected, stem
    for admin in REGISTRY.primary_administrations:
        assert administrations_of(admin.challenge) == {admin.slug}
    every_article = [p for folder in ARTICLE_FOLDERS for p in (real_content() / folder).glob("*.md")]
    untagged = [p.name for p in every_article if not front_matter(p).get("administrations")]
    assert untagged == []



def registry_with(tmp_path, field="colour", **values):
    """The real registry with `field` set per administration, as a file for ARCHIVE_REGISTRY."""
    raw = yaml.safe_load((ROOT / "data" / "registry.yaml").read_text(encoding="utf-8"))
    for slug, value in values.items():
        raw["administrations"][slug][field] = value
    path = tmp_path / "administrations_registry.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_registry_colour_reaches_badges_through_a_stylesheet_beside_the_text(small_site, tmp_path):
    registry = registry_with(tmp_path, sof="#00558c")
    result = small_site.build("-e", f'ARCHIVE_REGISTRY="{registry}"')
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(small_site.output)
    url = "arkiv/2019/01/en-giltig-nyhet/"
    soup = site.soup(url)
    sheets = [site_path(url, link["href"]) for link in soup.select("head link[rel=stylesheet]")]
    colours = [s for s in sheets if s.startswith("forvaltning/farger-")]
    assert len(colours) == 1
    css = site.path(colours[0]).read_text(encoding="utf-8")
    assert '[data-la-administration="sof"] { --la-administration-colour: #00558c; }' in css
    assert "vof" not in css
    badge = soup.select_one('.la-badge[data-la-administration="sof"]')
    assert badge.get_text(" ", strip=True) == "SOF Socialförvaltningen"
    assert not soup.select("[style]"), "no inline styles: the CSP forbids them"


def test_the_colour_stylesheet_is_linked_only_when_the_registry_has_colours(site):
    soup = site.soup("forvaltning/")
    linked = [link for link in soup.select("link[rel=stylesheet]") if "farger-" in link["href"]]
    assert bool(linked) == any(a.colour for a in REGISTRY.administrations.values())


def test_a_colour_that_is_not_hex_stops_the_build(small_site, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "500")  # one log record, one line
    registry = registry_with(tmp_path, sof="röd")
    result = small_site.build("-e", f'ARCHIVE_REGISTRY="{registry}"')
    assert result.returncode != 0
    assert "förvaltningen 'sof': colour ska vara #rrggbb, inte 'röd'" in result.stdout + result.stderr


def test_front_door_shows_its_own_upcoming_events_and_links_its_calendar(small_site):
    # The tests pin the build date to 2026-11-24: 2027 is upcoming, 2019 past.
    for name, date, admin in (("kommande", "2027-01-12 13:00", "vof"), ("tidigare", "2019-01-12 13:00", "vof"), ("annan", "2027-01-13 13:00", "sof")):
        small_site.write(
            f"inbjudningar/administrations_handelse_{name}.md",
            f"---\ntitle: Händelse {name}\ndate: 2018-12-01\ntype: inbjudan\nadministrations: [{admin}]\n"
            f"event:\n  start: {date}\n  end: 15:00\n  location: Stadshuset\n---\nText.\n",
        )
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(small_site.output)
    soup = site.soup("forvaltning/vof/")
    upcoming = soup.find(id="kommande-rubrik").find_parent("section")
    titles = [a.get_text(strip=True) for a in upcoming.select(".la-event-list__title a")]
    assert titles == ["Händelse kommande"]
    (calendar,) = [a for a in soup.select(".la-administration__subscribe a") if a.get_text().startswith("adress")]
    assert site_path("forvaltning/vof/", calendar["href"]) == "kalender/forvaltning/vof.ics"
    assert site.path("kalender/forvaltning/vof.ics").exists()


def test_contact_is_shown_and_an_email_address_is_a_link(small_site, tmp_path):
    registry = registry_with(tmp_path, "contact", sof="utveckling.sof@helsingborg.se", vof="Kontaktcenter, 042-10 50 00")
    result = small_site.build("-e", f'ARCHIVE_REGISTRY="{registry}"')
    assert result.returncode == 0, result.stdout + result.stderr
    site = BuiltSite(small_site.output)
    sof = site.soup("forvaltning/sof/").select_one(".la-administration__contact")
    assert sof.a["href"] == "mailto:utveckling.sof@helsingborg.se"
    vof = site.soup("forvaltning/vof/").select_one(".la-administration__contact")
    assert vof.a is None and "042-10 50 00" in vof.get_text()
    assert site.soup("forvaltning/amf/").select_one(".la-administration__contact") is None
