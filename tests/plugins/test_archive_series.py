"""Series and threads: /serie/<slug>/ pages, `follows` shown both ways with
the whole thread on every page of it, previous/next meeting, agenda and
attachment blocks, and every cross-page error stopping the build.

Expectations about the real site are derived from the source files, never
written out by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import FIXTURES, ROOT, read_page, real_content

sys.path.insert(0, str(ROOT / "plugins"))
from archive_model.dates import parse_datetime
from archive_model.errors import ContentError
from archive_model.model import Fields
from archive_model.reader import split_front_matter
from archive_model.registry import load_registry
from archive_model.structured import STRUCTURED_FIELDS
from archive_model.yaml_loader import load_with_lines
from archive_series.agenda import _Finder, find_agenda_section, names_an_agenda_heading
from archive_series.filters import sv_file_size
from archive_series.settings import DEFAULTS

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
ARTICLE_FOLDERS = [t.folder for t in REGISTRY.types.values()]
LABELS = DEFAULTS["SERIES_RELATION_LABELS"]
PDF = FIXTURES / "series_minnesanteckningar.pdf"


# The real content, read from its source files -------------------------------

@dataclass
class Source:
    path: Path
    meta: dict
    body: str

    @property
    def slug(self):
        return self.path.stem

    @property
    def date(self):
        return parse_datetime(self.meta["date"])[0]

    @property
    def url(self):
        # ARTICLE_URL = arkiv/{date:%Y}/{date:%m}/{slug}/ (the seeds' file names are ASCII slugs)
        return f"arkiv/{self.date:%Y}/{self.date:%m}/{self.slug}/"

    @property
    def type(self):
        return self.meta["type"]

    @property
    def event_day(self):
        event = self.meta.get("event")
        return parse_datetime(event["start"])[0].date() if event else None


def read_sources():
    sources = []
    for folder in ARTICLE_FOLDERS:
        for path in sorted((real_content() / folder).glob("*.md")):
            front, line, body = split_front_matter(path.read_text(encoding="utf-8-sig"), str(path))
            meta, _ = load_with_lines(front, line)
            if meta.get("status", "published") == "published":
                sources.append(Source(path, meta, body))
    return sources


SOURCES = read_sources()
BY_SLUG = {s.slug: s for s in SOURCES}
FOLLOWS = [(s, BY_SLUG[s.meta["follows"]]) for s in SOURCES if s.meta.get("follows")]


def hrefs_to_urls(soup, page_url, selector):
    """Site-relative URLs of the links under ``selector`` (RELATIVE_URLS: resolve them)."""
    from urllib.parse import urljoin

    base = "http://site/" + page_url
    return [urljoin(base, a["href"]).removeprefix("http://site/") for a in soup.select(f"{selector} a[href]")]


def thread_items(site, source):
    """``[(relation, url or None for the current page)]`` of a page's thread."""
    from urllib.parse import urljoin

    soup = site.soup(source.url)
    items = []
    for li in soup.select(".la-thread__item"):
        link = li.select_one("a[href]")
        url = urljoin("http://site/" + source.url, link["href"]).removeprefix("http://site/") if link else None
        items.append((li.select_one(".la-thread__relation").get_text(strip=True), url, li.get("aria-current")))
    return items


def expected_label(target, follower_view):
    """What a page of `target`'s type is called on the page at the other end."""
    return LABELS.get(target.type) or ("Uppföljning" if follower_view else "Följer upp")


# Series pages ------------------------------------------------------------------

def test_the_seeds_are_in_their_series():
    gug = [s for s in SOURCES if "gemensam utvecklingsgrupp" in s.meta["title"].lower()]
    breakfasts = [s for s in SOURCES if s.type == "forskningsfrukost"]
    assert gug and breakfasts
    assert {s.meta.get("series") for s in gug} == {"gemensam-utvecklingsgrupp"}
    assert {s.meta.get("series") for s in breakfasts} == {"forskningsfrukost"}
    bootcamp = [s for s in SOURCES if "bootcamp" in s.slug]
    assert bootcamp and {s.meta.get("series") for s in bootcamp} == {"bootcamp"}


@pytest.mark.parametrize("slug", sorted(REGISTRY.series))
def test_series_page_shows_the_registry_entry(site, slug):
    series = REGISTRY.series[slug]
    soup = site.soup(f"serie/{slug}/")
    main = soup.find("main")
    assert main.find("h1").get_text(strip=True) == series.name
    text = " ".join(main.get_text(" ").split())
    assert " ".join(series.description.split()) in text
    for value in (series.place, series.organiser):
        if value:
            assert value in text
    assert main.find("h2", string="Nästa möte")
    # "Nothing planned" is said once: with nothing upcoming, "Nästa möte"
    # says so and the list of upcoming meetings is left out.
    nothing = main.select_one(".la-series__next-meeting") is None
    assert (main.find("h2", string="Kommande möten") is None) == nothing
    assert text.count("Inget kommande möte är inplanerat") == int(nothing)


@pytest.mark.parametrize("slug", sorted(REGISTRY.series))
def test_series_page_lists_every_page_of_the_series_newest_meeting_first(site, slug):
    members = [s for s in SOURCES if s.meta.get("series") == slug]
    soup = site.soup(f"serie/{slug}/")
    meetings = soup.select(".la-meeting:not(.la-meeting--announced)")
    linked = [url for meeting in meetings for url in hrefs_to_urls(meeting, f"serie/{slug}/", ".la-meeting__pages")]
    assert sorted(linked) == sorted(s.url for s in members)
    dates = [m.select_one(".la-meeting__date time")["datetime"][:10] for m in soup.select(".la-meeting")]
    assert dates == sorted(dates, reverse=True) and len(set(dates)) == len(dates)
    if not members:
        assert soup.select_one(".la-series__meetings .la-listing__empty")
    # Minutes are linked as such; a meeting is dated by its event, else by its minutes.
    for meeting in meetings:
        urls = hrefs_to_urls(meeting, f"serie/{slug}/", ".la-meeting__pages")
        pages = [s for s in members if s.url in urls]
        for label, link in zip(meeting.select(".la-meeting__label"), meeting.select(".la-meeting__pages a"), strict=True):
            page = next(s for s in pages if link["href"].rstrip("/").endswith(s.slug))
            assert label.get_text(strip=True) == (LABELS.get(page.type) or REGISTRY.types[page.type].label) + ":"
        days = [s.event_day for s in pages if s.event_day] or [s.date.date() for s in pages if s.type == "motesanteckningar"] or [min(s.date.date() for s in pages)]
        assert meeting.select_one(".la-meeting__date time")["datetime"][:10] == days[0].isoformat()


def test_invitation_and_minutes_of_one_meeting_are_one_entry(site):
    pairs = [(s, t) for s, t in FOLLOWS if s.meta.get("series") and s.meta.get("series") == t.meta.get("series")]
    assert pairs, "the 10 December 2018 invitation and its minutes are linked"
    for follower, target in pairs:
        soup = site.soup(f"serie/{follower.meta['series']}/")
        together = [m for m in soup.select(".la-meeting") if {follower.url, target.url} <= set(hrefs_to_urls(m, "serie/x/", ".la-meeting__pages"))]
        assert len(together) == 1


def parsed_events(source, field):
    """The typed events of a source's `field`, as the content model makes them."""
    if field not in source.meta:
        return []
    _, lines = load_with_lines(f"{field}: null\n", 2)
    fields = Fields(str(source.path), lines, REGISTRY, {"TIMEZONE": "Europe/Stockholm", "PATH": str(ROOT / "content")})
    parsed = STRUCTURED_FIELDS[field](fields, source.meta[field])[field]
    return [parsed] if field == "event" else parsed


@pytest.mark.parametrize("slug", sorted(REGISTRY.series))
def test_every_date_a_page_announces_is_a_meeting_of_its_series(site, slug):
    """Related events and planned meetings of a series' pages, each
    occurrence, are on the series page once with their theme and place,
    unless a page of the series is about that day (issue 21)."""
    members = [s for s in SOURCES if s.meta.get("series") == slug]
    soup = site.soup(f"serie/{slug}/")
    # A meeting with pages is held on its event's days, else on the day shown.
    held = {start.date() for s in members for e in parsed_events(s, "event") for start, _ in e.occurrences}
    held |= {dt.date.fromisoformat(t["datetime"][:10]) for t in soup.select(".la-meeting:not(.la-meeting--announced) .la-meeting__date time")}
    expected = {}
    for source in sorted(members, key=lambda s: s.date):
        for event in parsed_events(source, "related_events") + parsed_events(source, "planned_meetings"):
            for start, _ in event.occurrences:
                if start.date() not in held:
                    expected.setdefault(start.date(), []).append((source, event))
    announced = soup.select(".la-meeting--announced")
    shown = [m.select_one(".la-meeting__date time")["datetime"][:10] for m in announced]
    assert shown == [d.isoformat() for d in sorted(expected, reverse=True)]
    for meeting, day in zip(announced, sorted(expected, reverse=True), strict=True):
        text = " ".join(meeting.get_text(" ").split())
        sources = list(dict.fromkeys(source.url for source, _ in expected[day]))
        assert hrefs_to_urls(meeting, f"serie/{slug}/", ".la-meeting__pages") == sources
        label = next((e.theme or e.title for _, e in expected[day] if e.theme or e.title), "")
        place = next((e.place for _, e in expected[day] if e.place), "")
        assert label in text and (not place or f"Plats: {place}" in text)


def test_series_overview_links_every_series(site):
    soup = site.soup("serie/")
    links = hrefs_to_urls(soup, "serie/", "main")
    assert sorted(links) == sorted(f"serie/{slug}/" for slug in REGISTRY.series)
    assert soup.select_one('.la-nav__link[aria-current="page"]')["href"].rstrip("/").endswith("serie")


# Threads -----------------------------------------------------------------------

def test_the_required_seed_links_exist():
    linked = {(s.slug, t.slug) for s, t in FOLLOWS}
    assert ("gemensam-utvecklingsgrupp-2018-12-10", "gemensam-utvecklingsgrupp-10-december-om-plan-for-lika-mojligheter") in linked
    # Both were discussed at the 10 December 2018 meeting, whose event the invitation carries.
    meeting = "gemensam-utvecklingsgrupp-10-december-om-plan-for-lika-mojligheter"
    assert ("kartlaggning-av-aktivitetsbehov-hos-utsatta-grupper", meeting) in linked
    assert ("att-vilja-vidare-till-ett-meningsfullt-liv", meeting) in linked


@pytest.mark.parametrize("follower,target", FOLLOWS, ids=[f"{s.slug}->{t.slug}" for s, t in FOLLOWS])
def test_every_follows_link_is_shown_both_ways_with_its_relation(site, follower, target):
    on_follower = thread_items(site, follower)
    assert (expected_label(target, follower_view=False), target.url, None) in on_follower, on_follower
    on_target = thread_items(site, target)
    assert (expected_label(follower, follower_view=True), follower.url, None) in on_target, on_target


def threads_from_sources():
    neighbours = {}
    for follower, target in FOLLOWS:
        neighbours.setdefault(follower.slug, set()).add(target.slug)
        neighbours.setdefault(target.slug, set()).add(follower.slug)
    seen, result = set(), []
    for start in sorted(neighbours):
        if start in seen:
            continue
        group, stack = set(), [start]
        while stack:
            slug = stack.pop()
            if slug not in group:
                group.add(slug)
                stack.extend(neighbours[slug])
        seen |= group
        result.append(sorted(group))
    return result


@pytest.mark.parametrize("thread", threads_from_sources(), ids=lambda t: t[0])
def test_whole_thread_in_the_same_order_on_every_page_of_it(site, thread):
    orders = []
    for slug in thread:
        source = BY_SLUG[slug]
        items = thread_items(site, source)
        current = [i for i in items if i[2] == "page"]
        assert len(current) == 1 and current[0][0] == "Den här sidan" and current[0][1] is None
        orders.append([url or source.url for _, url, _ in items])
    assert all(order == orders[0] for order in orders)
    order = orders[0]
    assert sorted(order) == sorted(BY_SLUG[s].url for s in thread)
    position = {url: i for i, url in enumerate(order)}
    for follower, target in FOLLOWS:
        if follower.slug in thread:
            assert position[target.url] < position[follower.url], "a follow-up comes after what it follows"
    # Otherwise by date: pages following the same page are in date order.
    for target in {t.slug for _, t in FOLLOWS if t.slug in thread}:
        followers = [BY_SLUG[s.slug] for s, t in FOLLOWS if t.slug == target]
        ranks = [position[f.url] for f in sorted(followers, key=lambda f: f.date)]
        assert ranks == sorted(ranks)


def test_pages_outside_any_thread_show_none(site):
    in_threads = {slug for thread in threads_from_sources() for slug in thread}
    outside = [s for s in SOURCES if s.slug not in in_threads]
    assert outside
    for source in outside:
        assert site.soup(source.url).select_one(".la-thread") is None


# Previous / next meeting ---------------------------------------------------------

@pytest.mark.parametrize("slug", sorted({s.meta["series"] for s in SOURCES if s.meta.get("series")}))
def test_previous_and_next_meeting_follow_the_series_order(site, slug):
    soup = site.soup(f"serie/{slug}/")
    listed = list(reversed(soup.select(".la-meeting")))
    meetings = [hrefs_to_urls(m, f"serie/{slug}/", ".la-meeting__pages") for m in listed]
    announced = ["la-meeting--announced" in m["class"] for m in listed]
    assert meetings
    for index, urls in enumerate(meetings):
        if announced[index]:
            continue  # its links lead to the pages that announce it
        for url in urls:
            # The nearest meetings that do not lead back to this page (an
            # announced meeting leads to the latest page announcing it).
            others = [j for j in range(len(meetings)) if not (announced[j] and meetings[j][-1] == url)]
            before = [j for j in others if j < index]
            after = [j for j in others if j > index]
            page = site.soup(url)
            nav = page.select_one(".la-series-nav")
            assert nav is not None, url
            assert f"serie/{slug}/" in hrefs_to_urls(nav, url, "p")
            for rel, neighbour in (("prev", before[-1] if before else None), ("next", after[0] if after else None)):
                link = nav.select_one(f'a[rel="{rel}"]')
                if neighbour is not None:
                    assert link is not None, (url, rel)
                    target = hrefs_to_urls(link.parent, url, ".la-series-nav__item")[0]
                    assert target in meetings[neighbour]
                    # A meeting is linked by its minutes when there are some.
                    minutes = [u for u in meetings[neighbour] if any(s.url == u and s.type == "motesanteckningar" for s in SOURCES)]
                    if minutes:
                        assert target == minutes[0]
                else:
                    assert link is None
            words = nav.get_text(" ")
            assert "Föregående möte i serien" in words and "Nästa möte i serien" in words


# Agenda --------------------------------------------------------------------------

def markdown_list_under(body, headings):
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.lstrip("#").strip().rstrip(":") in headings and line.startswith("#"):
            items = []
            for item in lines[index + 1:]:
                if item.startswith(("- ", "* ")):
                    items.append(item[2:].strip())
                elif items and not item.strip():
                    break
            return items
    return None


@pytest.mark.parametrize("source", [s for s in SOURCES if s.meta.get("agenda") or markdown_list_under(s.body, DEFAULTS["SERIES_AGENDA_HEADINGS"])], ids=lambda s: s.slug)
def test_agenda_block_from_front_matter_or_the_text(site, source):
    soup = site.soup(source.url)
    block = soup.select_one(".la-agenda")
    assert block is not None
    items = [li.get_text(" ", strip=True) for li in block.select(".la-agenda__list > li")]
    from_text = markdown_list_under(source.body, DEFAULTS["SERIES_AGENDA_HEADINGS"])
    assert items == (source.meta.get("agenda") or from_text)
    # Shown once: the list in the text becomes the block, it is not repeated.
    prose = soup.select_one(".la-prose")
    assert not prose.find(["h2", "h3"], string=lambda t: t and t.strip() in DEFAULTS["SERIES_AGENDA_HEADINGS"])
    # Before the text, so readers meet it first.
    assert block.find_next(class_="la-prose") is prose


FINDER_CASES = [
    ("h2_list", "<p>a</p>\n<h2 id='d'>Dagordning</h2>\n<ul>\n<li>Ett</li>\n<li>Två</li>\n</ul>\n<p>b</p>", ("Dagordning", ("Ett", "Två")), "<p>a</p>\n\n<p>b</p>"),
    ("pa_agendan_colon_ol", "<h3>På agendan:</h3>\n<ol>\n<li><a href='x'>Länk</a></li>\n</ol>", ("På agendan:", ("<a href='x'>Länk</a>",)), ""),
    ("nested_items_stay_whole", "<h2>Dagordning</h2>\n<ul>\n<li>Ett\n<ul>\n<li>a</li>\n</ul>\n</li>\n<li>Två</li>\n</ul>", ("Dagordning", ("Ett\n<ul>\n<li>a</li>\n</ul>", "Två")), ""),
    ("paragraph_between_is_not_an_agenda", "<h2>Dagordning</h2>\n<p>Kommer senare.</p>\n<ul>\n<li>Ett</li>\n</ul>", None, None),
    ("other_heading", "<h2>Kommande möten</h2>\n<ul>\n<li>11 mars</li>\n</ul>", None, None),
    ("second_heading_after_a_miss", "<h2>Om</h2><p>x</p><h2>DAGORDNING</h2><ul><li>Ett</li></ul>", ("DAGORDNING", ("Ett",)), "<h2>Om</h2><p>x</p>"),
    # What the quick test before parsing must not miss:
    ("heading_in_tags_and_entities", "<H2 class='x'>P&aring; <em>agen</em>dan\n</H2>\n<ul><li>Ett</li></ul>", ("På agendan", ("Ett",)), ""),
    ("heading_over_lines", "<h4 id='d'>\n  Dag&#111;rdning :\n</h4 >\n<ol><li>Ett</li></ol>", ("Dagordning :", ("Ett",)), ""),
]


@pytest.mark.parametrize("case,html,expected,remaining", FINDER_CASES, ids=[c[0] for c in FINDER_CASES])
def test_agenda_section_finder(case, html, expected, remaining):
    found = find_agenda_section(html, DEFAULTS["SERIES_AGENDA_HEADINGS"])
    if expected is None:
        assert found is None
        return
    assert (found.heading, found.items) == expected
    assert (html[: found.start] + html[found.end:]).strip() == remaining.strip()


@pytest.mark.parametrize("case,html,expected,remaining", FINDER_CASES, ids=[c[0] for c in FINDER_CASES])
def test_the_quick_test_says_yes_wherever_the_parser_finds_an_agenda(case, html, expected, remaining):
    headings = DEFAULTS["SERIES_AGENDA_HEADINGS"]
    parsed = _Finder(html, headings)
    parsed.feed(html)
    parsed.close()
    assert names_an_agenda_heading(html, headings) or parsed.found is None
    assert (parsed.found is None) == (expected is None)


# Attachments ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "size,shown",
    [(0, "0 byte"), (999, "999 byte"), (1000, "1 kB"), (120_400, "120 kB"), (999_499, "999 kB"), (999_600, "1 MB"), (1_400_000, "1,4 MB"), (12_000_000, "12 MB")],
)
def test_file_size_in_swedish(size, shown):
    assert sv_file_size(size) == shown


def parse_field(tmp_path, name, value, lines=None):
    content = tmp_path / "content"
    (content / "bilagor").mkdir(parents=True, exist_ok=True)
    shutil.copy(PDF, content / "bilagor" / "gug-2019-01-21.pdf")
    settings = {"PATH": str(content), "STATIC_PATHS": ["bilagor", "bilder"], "SLUG_REGEX_SUBSTITUTIONS": []}
    fields = Fields("content/x.md", lines or {(name,): 7}, REGISTRY, settings)
    return STRUCTURED_FIELDS[name](fields, value)[name]


FIELD_CASES = [
    # (case, field, value, expected value or the words of the error)
    ("follows_slug", "follows", "gemensam-utvecklingsgrupp-2018-12-10", "gemensam-utvecklingsgrupp-2018-12-10"),
    ("follows_file_path", "follows", "motesanteckningar/gemensam-utvecklingsgrupp-2018-12-10.md", "gemensam-utvecklingsgrupp-2018-12-10"),
    ("follows_swedish_letters", "follows", "Kartläggning-av-aktivitetsbehov", "kartlaggning-av-aktivitetsbehov"),
    ("follows_list", "follows", ["a", "b"], ["inte en lista"]),
    ("follows_empty", "follows", "", ["ska vara en text"]),
    ("series_known", "series", "Gemensam-Utvecklingsgrupp", "gemensam-utvecklingsgrupp"),
    ("series_unknown", "series", "gemensam-utveckling", ["okänd serie", "gemensam-utvecklingsgrupp"]),
    ("agenda_list", "agenda", ["Ett", "Två"], ("Ett", "Två")),
    ("agenda_empty", "agenda", [], ["är tom"]),
    ("agenda_item_not_text", "agenda", [{"a": 1}], ["ska vara en text"]),
    ("attachment", "attachments", [{"file": "bilagor/gug-2019-01-21.pdf", "title": "Minnesanteckningar"}], ("bilagor/gug-2019-01-21.pdf", "pdf", PDF.stat().st_size)),
    ("attachment_written_with_content", "attachments", [{"file": "content/bilagor/gug-2019-01-21.pdf", "title": "M"}], ("bilagor/gug-2019-01-21.pdf", "pdf", PDF.stat().st_size)),
    ("attachment_missing_names_nearest", "attachments", [{"file": "bilagor/gug-2019-01-12.pdf", "title": "M"}], ["finns inte", "menade du 'bilagor/gug-2019-01-21.pdf'"]),
    ("attachment_outside_published_folder", "attachments", [{"file": "motesanteckningar/x.pdf", "title": "M"}], ["publiceras", "content/bilagor/"]),
    ("attachment_escaping_content", "attachments", [{"file": "../../etc/passwd", "title": "M"}], ["publiceras"]),
    ("attachment_without_title", "attachments", [{"file": "bilagor/gug-2019-01-21.pdf"}], ["'title' saknas"]),
]


@pytest.mark.parametrize("case,name,value,expected", FIELD_CASES, ids=[c[0] for c in FIELD_CASES])
def test_front_matter_parsers(tmp_path, case, name, value, expected):
    if isinstance(expected, list):
        with pytest.raises(ContentError) as caught:
            parse_field(tmp_path, name, value)
        assert caught.value.path == "content/x.md" and caught.value.line == 7
        for word in expected:
            assert word in str(caught.value)
        return
    parsed = parse_field(tmp_path, name, value)
    if name == "follows":
        assert parsed.slug == expected and parsed.line == 7
    elif name == "series":
        assert parsed.slug == expected
    elif name == "agenda":
        assert tuple(parsed) == expected and parsed.line == 7
    else:
        assert [(a.file, a.kind, a.size) for a in parsed] == [expected]


def test_attachment_is_published_with_type_and_size(small_site):
    target = small_site.content / "bilagor" / "gug 2019-01-21.pdf"
    target.parent.mkdir(parents=True)
    shutil.copy(PDF, target)
    small_site.write("motesanteckningar/gug-2019-01-21.md", (
        "---\ntitle: Anteckningar 21 januari\ndate: 2019-01-21\ntype: motesanteckningar\n"
        "series: gemensam-utvecklingsgrupp\nattachments:\n"
        "  - {file: bilagor/gug 2019-01-21.pdf, title: Minnesanteckningar}\n---\nText.\n"
    ))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    page = small_site.output / "arkiv/2019/01/gug-2019-01-21/index.html"
    soup = BeautifulSoup(read_page(page), "html.parser")
    link = soup.select_one(".la-attachments a")
    assert " ".join(link.get_text().split()) == f"Minnesanteckningar (pdf, {sv_file_size(PDF.stat().st_size)})"
    assert link["type"] == "application/pdf"
    from urllib.parse import unquote

    published = small_site.output / unquote(hrefs_to_urls(link.parent, "arkiv/2019/01/gug-2019-01-21/", "li")[0])
    assert published.read_bytes() == PDF.read_bytes()


# Next meeting from event data --------------------------------------------------------

def test_next_meeting_and_upcoming_dates_from_event_data(small_site):
    small_site.write("inbjudningar/gug-februari.md", (
        "---\ntitle: Välkommen till Gemensam utvecklingsgrupp i februari\ndate: 2019-01-20\ntype: inbjudan\n"
        "series: gemensam-utvecklingsgrupp\ntheme: Anhörigstöd\n"
        "event: {start: 2019-02-11 13:30, end: 15:30, location: Fontänhuset Helsingborg}\n"
        "planned_meetings:\n  - {date: 2019-03-11}\n  - {date: 2019-01-14, theme: gammalt}\n---\nText.\n"
    ))
    result = small_site.build("-e", 'ARCHIVE_BUILD_DATE="2019-01-25T12:00:00+01:00"')
    assert result.returncode == 0, result.stdout + result.stderr
    soup = BeautifulSoup((small_site.output / "serie/gemensam-utvecklingsgrupp/index.html").read_text(encoding="utf-8"), "html.parser")
    next_meeting = soup.select_one(".la-series__next-meeting")
    assert next_meeting.find("time")["datetime"].startswith("2019-02-11T13:30")
    assert "Anhörigstöd" in next_meeting.get_text() and "Fontänhuset Helsingborg" in next_meeting.get_text()
    assert next_meeting.find("a")["href"].rstrip("/").endswith("gug-februari")
    upcoming = [li.find("time")["datetime"][:10] for li in soup.select(".la-series__upcoming [data-la-upcoming] li")]
    assert upcoming == ["2019-02-11", "2019-03-11"]
    planned = [t["datetime"] for t in soup.select(".la-meeting--announced .la-meeting__date time")]
    assert planned == ["2019-03-11", "2019-01-14"], "planned dates without a page, past and to come"


def test_every_dated_event_of_a_page_is_a_meeting_with_its_place(small_site):
    """Spring's three research breakfasts announced on one page (its event and
    two related events) and a planned meeting with its place: each is a
    meeting on the series page and in its neighbours' navigation (issue 21)."""
    small_site.write("inbjudningar/varens-frukostar.md", (
        "---\ntitle: Vårens forskningsfrukostar\ndate: 2018-01-10\ntype: inbjudan\nseries: forskningsfrukost\n"
        "event: {start: 2018-02-02 08:15, end: 9.30, location: Dunkers kulturhus}\n"
        "related_events:\n"
        "  - {title: Forskningsfrukost om ensamhet, start: 2018-03-02 08:15, end: 09:30, location: Stadsbiblioteket}\n"
        "  - {title: Forskningsfrukost om anhöriga, start: 2018-04-06 08.15, end: 09.30}\n"
        "planned_meetings:\n  - {date: 2018-05-04 08:15, theme: Sommaravslutning, location: Rådhuset}\n---\nText.\n"
    ))
    small_site.write("motesanteckningar/frukost-mars.md", (
        "---\ntitle: Anteckningar från frukosten i mars\ndate: 2018-03-15\ntype: motesanteckningar\nseries: forskningsfrukost\n---\nText.\n"
    ))
    result = small_site.build("-e", 'ARCHIVE_BUILD_DATE="2018-06-01T12:00:00+02:00"')
    assert result.returncode == 0, result.stdout + result.stderr

    def soup(url):
        return BeautifulSoup(read_page(small_site.output / url / "index.html"), "html.parser")

    series = soup("serie/forskningsfrukost")
    meetings = {m.select_one(".la-meeting__date time")["datetime"][:10]: m for m in series.select(".la-meeting")}
    assert list(meetings) == ["2018-05-04", "2018-04-06", "2018-03-15", "2018-03-02", "2018-02-02"]
    for day in ("2018-05-04", "2018-04-06", "2018-03-02"):
        assert "la-meeting--announced" in meetings[day]["class"]
        assert hrefs_to_urls(meetings[day], "serie/forskningsfrukost/", ".la-meeting__pages") == ["arkiv/2018/01/varens-frukostar/"]
    assert "Plats: Stadsbiblioteket" in meetings["2018-03-02"].get_text()
    assert "Forskningsfrukost om ensamhet" in meetings["2018-03-02"].get_text()
    assert "Tema: Sommaravslutning" in meetings["2018-05-04"].get_text() and "Plats: Rådhuset" in meetings["2018-05-04"].get_text()
    assert "Plats: Dunkers kulturhus" in meetings["2018-02-02"].get_text()
    assert meetings["2018-03-02"].select_one(".la-meeting__label").get_text(strip=True) == "Nämns i:"
    assert meetings["2018-05-04"].select_one(".la-meeting__label").get_text(strip=True) == "Planeras i:"
    # Counted and called "held" are the meetings the archive has pages about.
    facts = " ".join(series.select_one(".la-meta").get_text(" ").split())
    assert "I arkivet 2 möten" in facts
    # The page between them leads to the announced dates; the announcing page past its own.
    minutes = soup("arkiv/2018/03/frukost-mars").select_one(".la-series-nav")
    assert minutes.select_one('a[rel="prev"] time')["datetime"].startswith("2018-03-02T08:15")
    assert minutes.select_one('a[rel="next"] time')["datetime"].startswith("2018-04-06T08:15")
    announcing = soup("arkiv/2018/01/varens-frukostar")
    nav = announcing.select_one(".la-series-nav")
    assert nav.select_one('a[rel="prev"]') is None
    assert nav.select_one('a[rel="next"] time')["datetime"].startswith("2018-03-15")
    # The planned meeting's place is on the page that announces it.
    planned = announcing.select_one(".la-events-on-page__planned").get_text(" ")
    assert "Sommaravslutning" in planned and "Rådhuset" in planned


# Errors --------------------------------------------------------------------------------

def page(title, date="2019-01-21", type_="motesanteckningar", extra="", body="Text.\n"):
    return f"---\ntitle: {title}\ndate: {date}\ntype: {type_}\n{extra}---\n{body}"


ERRORS = [
    # (case, {file: text}, [(file, line)], words every error output must contain)
    ("dangling_follows", {"motesanteckningar/mote-2019-01-21.md": page("Möte", extra="follows: en-giltig-nyhete\n")},
     [("motesanteckningar/mote-2019-01-21.md", 5)], ["fält 'follows'", "ingen sida med slug 'en-giltig-nyhete'", "menade du 'en-giltig-nyhet'"]),
    ("follows_itself", {"motesanteckningar/mote-2019-01-21.md": page("Möte", extra="follows: mote-2019-01-21\n")},
     [("motesanteckningar/mote-2019-01-21.md", 5)], ["bildar en cirkel: mote-2019-01-21 → mote-2019-01-21"]),
    ("cycle_of_two", {
        "motesanteckningar/mote-a.md": page("A", extra="series: gemensam-utvecklingsgrupp\nfollows: mote-b\n"),
        "inbjudningar/mote-b.md": page("B", type_="inbjudan", extra="follows: mote-a\n"),
     }, [("motesanteckningar/mote-a.md", 6), ("inbjudningar/mote-b.md", 5)], ["bildar en cirkel", "mote-a → mote-b → mote-a"]),
    ("unknown_series", {"motesanteckningar/mote-2019-01-21.md": page("Möte", extra="series: gemensam-utveckling\n")},
     [("motesanteckningar/mote-2019-01-21.md", 5)], ["okänd serie 'gemensam-utveckling'", "menade du 'gemensam-utvecklingsgrupp'"]),
    ("attachment_missing", {"motesanteckningar/mote-2019-01-21.md": page("Möte", extra="attachments:\n  - file: bilagor/saknas.pdf\n    title: Minnesanteckningar\n")},
     [("motesanteckningar/mote-2019-01-21.md", 6)], ["fält 'attachments.0.file'", "content/bilagor/saknas.pdf", "finns inte"]),
    ("agenda_twice", {"motesanteckningar/mote-2019-01-21.md": page("Möte", extra="agenda: [Ett, Två]\n", body="## Dagordning\n\n- Ett\n- Två\n")},
     [("motesanteckningar/mote-2019-01-21.md", 5)], ["fält 'agenda'", "både i fältet 'agenda' och under rubriken 'Dagordning'"]),
    ("follows_a_draft", {
        "motesanteckningar/mote-2019-01-21.md": page("Möte", extra="follows: inbjudan-utkast\n"),
        "inbjudningar/inbjudan-utkast.md": page("Utkast", type_="inbjudan", extra="status: draft\n"),
     }, [("motesanteckningar/mote-2019-01-21.md", 5)], ["'inbjudan-utkast' är ett utkast"]),
    ("follows_a_slug_two_pages_have", {
        "motesanteckningar/mote-2019-01-21.md": page("Möte", extra="follows: samma\n"),
        "inbjudningar/samma.md": page("Inbjudan", type_="inbjudan", date="2019-01-10"),
        "nyheter/samma.md": page("Nyhet", type_="nyhet", date="2018-12-10"),
     }, [("motesanteckningar/mote-2019-01-21.md", 5)], ["flera sidor har slug 'samma'"]),
]


@pytest.mark.parametrize("case,files,locations,words", ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_stop_the_build_naming_file_line_and_fix(small_site, case, files, locations, words):
    for relative, text in files.items():
        small_site.write(relative, text)
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for relative, line in locations:
        assert f"content/{relative}:{line}:" in output, output
    for word in words:
        assert word in output, output
    assert not small_site.output.exists(), "a failed build must write nothing"
