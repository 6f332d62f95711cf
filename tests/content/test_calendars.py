"""What calendar subscribers get: every .ics of the production build read as
Outlook, Google Calendar, Apple Calendar and Thunderbird read it (RFC 5545
and RFC 7986, parsed with icalendar, recurrences expanded with dateutil), and
the links on the pages that lead readers to them."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from urllib.parse import urlsplit

import icalendar
import pytest
from archive_events.settings import events_settings
from archive_model.registry import load_registry
from bs4 import BeautifulSoup
from dateutil import rrule
from pelican.settings import read_settings
from sitebuild import FIXTURES, ROOT, BuiltSite, pelican_build

SITEURL = "https://lararkiv.helsingborg.se"
# The page the escaping and registration tests need is their own (a
# breakfast with commas in its place and speakers, and one invitation whose
# registration has contacts), not one of today's archive.
BREAKFAST = "arkiv/2019/02/frukost-med-komman/"
INVITATION = "arkiv/2018/12/traff-med-anmalan/"
OWN_PAGES = {
    "forskningsfrukostar/frukost-med-komman.md": """---
title: Frukost med komman
date: 2019-02-01
type: forskningsfrukost
series: forskningsfrukost
administrations: [sof]
event:
  start: 2019-02-08 08:15
  end: 2019-02-08 10:00
  location: Mindpark, lokal Auditoriet
  address: Bredgatan 11, Helsingborg
  speakers:
    - {name: Anett Schenk, affiliation: "Socialhögskolan, Lunds universitet"}
    - {name: Lars Harrysson, affiliation: "Socialhögskolan, Lunds universitet"}
  registration: {note: "Inbjudan är öppen för alla, och det är gratis att delta."}
---
Forskare berättar.
""",
    "inbjudningar/traff-med-anmalan.md": """---
title: Träff med anmälan
date: 2018-12-19
type: inbjudan
administrations: [sof]
event:
  start: 2019-01-30 13:30
  end: 15:30
  location: Stadshuset
  registration: {email: anhorigstod@helsingborg.se, phone: 042-10 40 44, contact: anhörigkonsult}
---
Välkommen.
""",
}


def event_pages(published_site):
    """The pages that offer their events' calendar file, by URL."""
    return {
        path.parent.relative_to(published_site.root).as_posix() + "/"
        for path in published_site.root.rglob("index.html")
        if BeautifulSoup(path.read_bytes(), "html.parser").select_one(".la-event__ics")
    }


@pytest.fixture(scope="module")
def calendars(published_site):
    found = {p.relative_to(published_site.root).as_posix(): p.read_bytes() for p in sorted(published_site.root.rglob("*.ics"))}
    # The site's, each administration's and type's in the registry, each
    # event page's: whatever the archive holds, none missing and none more.
    options = events_settings(read_settings(str(ROOT / "publishconf.py")))
    registry = load_registry(ROOT / "data" / "registry.yaml")
    expected = {options["EVENTS_ICS_ALL"]}
    expected |= {options["EVENTS_ICS_ADMINISTRATION"].format(slug=slug) for slug in registry.administrations}
    expected |= {options["EVENTS_ICS_TYPE"].format(slug=slug) for slug in registry.types}
    expected |= {options["EVENTS_PAGE_ICS"].format(url=url) for url in event_pages(published_site)}
    assert set(found) == expected
    return found


def test_lines_end_in_crlf_and_fold_at_75_octets(calendars):
    for path, data in calendars.items():
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), path
        for number, line in enumerate(data.split(b"\r\n"), start=1):
            # Octets, not characters: å, ä and ö are two each in UTF-8.
            assert len(line) <= 75, f"{path}:{number}: {len(line)} octets"
            line.decode("utf-8")  # a fold never splits a character


def test_every_tzid_has_its_vtimezone(calendars):
    for path, data in calendars.items():
        calendar = icalendar.Calendar.from_ical(data)
        used = {
            prop.params["TZID"]
            for event in calendar.walk("VEVENT")
            for name in ("DTSTART", "DTEND", "RDATE", "EXDATE", "RECURRENCE-ID")
            for prop in ([event[name]] if name in event and not isinstance(event[name], list) else event.get(name, []))
            if "TZID" in getattr(prop, "params", {})
        }
        defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
        assert used <= defined, f"{path}: {used - defined}"
        assert defined == {"Europe/Stockholm"}, path


def test_calendars_say_what_they_are_and_how_often_to_fetch_them(calendars):
    """METHOD:PUBLISH, a Swedish name and description (RFC 7986 and the X-WR-
    names clients read), the file's own address, the page it belongs to, and
    a refresh interval for subscriptions."""
    for path, data in calendars.items():
        calendar = icalendar.Calendar.from_ical(data)
        assert str(calendar["METHOD"]) == "PUBLISH", path
        assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]), path
        assert str(calendar["X-WR-CALNAME"]).startswith("Öppna lärarkivet – "), path
        assert "svensk tid" in str(calendar["DESCRIPTION"]) and calendar["X-WR-CALDESC"] == calendar["DESCRIPTION"], path
        assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Stockholm", path
        assert str(calendar["SOURCE"]) == f"{SITEURL}/{path}", path
        assert str(calendar["URL"]).startswith(SITEURL + "/"), path
        assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION", path
        assert calendar.decoded("REFRESH-INTERVAL") == dt.timedelta(hours=12), path
        assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H" or calendar.decoded("X-PUBLISHED-TTL") == dt.timedelta(hours=12), path
        if path.startswith("arkiv/"):  # a page's own calendar leads to the page
            assert str(calendar["URL"]) == f"{SITEURL}/{path.removesuffix('kalender.ics')}", path
    site = icalendar.Calendar.from_ical(calendars["kalender/alla.ics"])
    assert str(site["X-WR-CALNAME"]) == "Öppna lärarkivet – Alla händelser"
    assert str(site["URL"]) == f"{SITEURL}/kalender/"


def test_uids_are_unique_and_each_event_has_one_uid_everywhere(calendars):
    site = list(icalendar.Calendar.from_ical(calendars["kalender/alla.ics"]).walk("VEVENT"))
    uids = [str(e["UID"]) for e in site]
    assert uids and len(uids) == len(set(uids))
    everywhere = {}
    for data in calendars.values():
        for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
            everywhere.setdefault(str(event["UID"]), set()).add(event.to_ical())
    assert set(everywhere) == set(uids), "a calendar has an event the site's calendar lacks"
    # The same event is the same bytes in the page's, the site's, the administration's calendar.
    assert all(len(versions) == 1 for versions in everywhere.values())


TEXT_PROPERTIES = ("SUMMARY", "LOCATION", "DESCRIPTION")


def test_event_properties_are_escaped_and_link_to_the_page(published_site, calendars):
    for event in icalendar.Calendar.from_ical(calendars["kalender/alla.ics"]).walk("VEVENT"):
        url = str(event["URL"])
        assert url.startswith(SITEURL + "/") and published_site.path(urlsplit(url).path).exists(), url
        assert f"Mer information: {url}" in str(event["DESCRIPTION"])
        assert event.get("DTSTAMP") is not None and event.get("LAST-MODIFIED") is not None
    # Commas, semicolons and newlines escaped as RFC 5545 3.3.11 says, in every calendar.
    for path, data in calendars.items():
        for line in data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n"):
            name, _, value = line.partition(":")
            if name.split(";")[0] in TEXT_PROPERTIES:
                assert not re.search(r"(?<!\\)[,;]", value.replace("\\\\", "")), f"{path}: {line}"


@pytest.fixture(scope="module")
def own_calendars(tmp_path_factory):
    """The minimal fixture plus OWN_PAGES, built as it is published."""
    root = tmp_path_factory.mktemp("own-events")
    shutil.copytree(FIXTURES / "minimal", root / "project")
    for relative, text in OWN_PAGES.items():
        target = root / "project" / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    result = pelican_build(root / "output", content=root / "project" / "content", settings="publishconf.py", cwd=root / "project")
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(root / "output")


def only_event(site, page):
    (event,) = icalendar.Calendar.from_ical(site.path(page + "kalender.ics").read_bytes()).walk("VEVENT")
    return event


def test_a_place_with_commas_and_speakers_reach_the_calendar(own_calendars):
    raw = own_calendars.path(BREAKFAST + "kalender.ics").read_bytes().replace(b"\r\n ", b"").decode("utf-8")
    assert "LOCATION:Mindpark\\, lokal Auditoriet\\, Bredgatan 11\\, Helsingborg\r\n" in raw
    breakfast = only_event(own_calendars, BREAKFAST)
    assert str(breakfast["LOCATION"]) == "Mindpark, lokal Auditoriet, Bredgatan 11, Helsingborg"
    description = str(breakfast["DESCRIPTION"]).split("\n")
    assert "Medverkande: Anett Schenk (Socialhögskolan, Lunds universitet), Lars Harrysson (Socialhögskolan, Lunds universitet)" in description


def test_registration_says_what_the_page_says(own_calendars):
    """The page's "Anmälan" has only a note ("open to all, free"): the
    calendar said "Anmälan" and nothing more."""
    breakfast = only_event(own_calendars, BREAKFAST)
    block = own_calendars.soup(BREAKFAST).select_one(".la-events-on-page")
    registration = {row.dt.get_text(strip=True): row.dd for row in block.select(".la-event__row")}["Anmälan"]
    note = registration.get_text(" ", strip=True)
    assert note == "Inbjudan är öppen för alla, och det är gratis att delta."
    assert f"Anmälan: {note}" in str(breakfast["DESCRIPTION"]).split("\n")
    invitation = only_event(own_calendars, INVITATION)
    assert "Anmälan: anhorigstod@helsingborg.se, 042-10 40 44 (anhörigkonsult)" in str(invitation["DESCRIPTION"])


def stated_moment(value):
    """A page's <time datetime>: a local time, or a date for an all-day event."""
    if "T" not in value:
        return dt.date.fromisoformat(value)
    return dt.datetime.fromisoformat(value).replace(tzinfo=None)


def test_recurring_events_expand_to_the_dates_their_pages_state(published_site, calendars):
    """The RRULE a client reads, expanded from DTSTART, gives the dates and
    times the event's page lists ("därefter sista onsdagen varje månad, 10
    träffar"): on a page with one event exactly those, else among them."""
    recurring = 0
    for path, data in calendars.items():
        if not path.startswith("arkiv/"):
            continue
        events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
        page = path.removesuffix("kalender.ics")
        stated = {
            stated_moment(t["datetime"])
            for t in published_site.soup(page).select(".la-events-on-page .la-event__dates time")
        }
        for event in events:
            if "RRULE" not in event:
                continue
            recurring += 1
            start = event.decoded("DTSTART")
            rule = event["RRULE"].to_ical().decode()
            if isinstance(start, dt.datetime):
                assert event["DTSTART"].params["TZID"] == "Europe/Stockholm", path
                expanded = list(rrule.rrulestr(rule, dtstart=start.replace(tzinfo=None)))
            else:  # all day: dates
                first = dt.datetime.combine(start, dt.time())
                expanded = [moment.date() for moment in rrule.rrulestr(rule, dtstart=first)]
            assert set(expanded) <= stated, path
            if len(events) == 1:
                assert set(expanded) == stated, path
            assert "EXDATE" not in event and "RDATE" not in event, path
    if not recurring:
        pytest.skip("no recurring event in this archive")


def test_all_day_events_are_dates_with_an_exclusive_end(calendars):
    for path, data in calendars.items():
        for event in icalendar.Calendar.from_ical(data).walk("VEVENT"):
            start = event.decoded("DTSTART")
            if isinstance(start, dt.datetime):
                continue
            assert event["DTSTART"].params.get("VALUE") == "DATE", path
            end = event.decoded("DTEND")
            assert type(end) is dt.date and end > start, f"{path}: {event['SUMMARY']}"


def test_dtstamp_is_the_same_in_two_builds(calendars, tmp_path):
    again = pelican_build(tmp_path / "again", settings="publishconf.py", extra=("-e", f'SITEURL="{SITEURL}"'))
    assert again.returncode == 0, again.stderr
    for path, data in calendars.items():
        assert (tmp_path / "again" / path).read_bytes() == data, path


def test_subscribe_links_on_the_calendar_page_lead_to_the_calendars(published_site, calendars):
    soup = published_site.soup("kalender/")
    section = soup.select_one(".la-subscribe")
    assert "hämtar nya, ändrade och inställda händelser av sig själv" in section.get_text()
    subscriptions = section.select("a[data-la-subscribe]")
    offered = {urlsplit(link["href"]).path.lstrip("/") for link in subscriptions}
    # Every calendar with events is offered; one without is written but not offered.
    assert offered == {path for path, data in calendars.items() if b"BEGIN:VEVENT" in data and path.startswith("kalender/")}
    for link in subscriptions:
        href = link["href"]
        assert href.startswith("webcal://lararkiv.helsingborg.se/"), href
        path = urlsplit(href).path.lstrip("/")
        assert path in calendars, href
        # The visible word and what a screen reader hears: which calendar.
        assert link.get_text(" ", strip=True).startswith("Prenumerera på "), link
        copy = link.find_next_sibling("a")
        assert copy["href"] == f"{SITEURL}/{path}" and copy.get_text(strip=True).startswith("adress")
    (alternate,) = soup.head.select('link[rel="alternate"][type="text/calendar"]')
    assert alternate["href"] == f"{SITEURL}/kalender/alla.ics"


def test_an_administrations_page_offers_its_calendar_to_subscribe_to(published_site, calendars):
    """Its link subscribes, as on /kalender/; an https link would download one copy."""
    for slug in load_registry(ROOT / "data" / "registry.yaml").administrations:
        links = published_site.soup(f"forvaltning/{slug}/").select(".la-administration__subscribe li:has(a[data-la-subscribe]) a")
        subscribe, address, how = links
        assert subscribe["href"] == f"webcal://lararkiv.helsingborg.se/kalender/forvaltning/{slug}.ics"
        assert subscribe.get_text(" ", strip=True).startswith("Prenumerera på ")
        assert address["href"] == f"{SITEURL}/kalender/forvaltning/{slug}.ics" and f"kalender/forvaltning/{slug}.ics" in calendars
        assert how["href"] == f"{SITEURL}/kalender/#prenumerera-rubrik"


def test_each_event_page_offers_its_file_and_the_subscription(published_site, calendars):
    pages = sorted({path.removesuffix("kalender.ics") for path in calendars if path.startswith("arkiv/")})
    assert pages and set(pages) == event_pages(published_site)
    for url in pages:
        hint = published_site.soup(url).select_one(".la-event__ics")
        add = hint.find("a", string="Lägg till i kalender")
        assert add["href"] == f"{SITEURL}/{url}kalender.ics", url
        assert "en kopia som inte följer med om något ändras" in hint.get_text()
        subscribe = hint.find("a", string=re.compile("prenumererar på kalendern"))
        assert subscribe["href"] == f"{SITEURL}/kalender/#prenumerera-rubrik", url
        assert published_site.soup("kalender/").find(id="prenumerera-rubrik")
