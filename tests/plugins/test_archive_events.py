"""The events plugin: event blocks are validated at read time, expand into
occurrences on wall-clock time, and come out as /kalender/, .ics files
(parsed with icalendar), the event block and its JSON-LD (parsed from HTML)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import rrule
from sitebuild import FIXTURES, ROOT, BuiltSite, pelican_build

sys.path.insert(0, str(ROOT / "plugins"))

from archive_events.ics import plain
from archive_model.errors import ContentError, ContentErrorGroup
from archive_model.event_fields import parse_event
from archive_model.model import Fields
from archive_model.registry import load_registry

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The pages these tests name are the seed's, frozen in tests/fixtures/seed/
# (its README): the real archive may change without breaking them.
SEED = FIXTURES / "seed" / "content"
BREAKFAST = "arkiv/2019/02/forskningsfrukost-om-samverkan-med-foreningar/"
SELF_HELP = "arkiv/2018/12/inbjudan-till-sjalvhjalpsgrupp-for-anhoriga/"
GUG_2022 = "arkiv/2022/03/gemensam-utvecklingsgrupp-2022-03-21/"



@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seed archive (not content/), built once for this module."""
    output = tmp_path_factory.mktemp("seed-events")
    result = pelican_build(output, content=SEED, cwd=SEED.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output)


# --- bad input: the build stops, naming file, line, field and the fix -------

BROKEN = [
    # (fixture case, line, field, words the message must contain)
    ("end_before_start", 7, "event.end", ["innan den har börjat", "end ska vara efter start"]),
    ("unparseable_start", 6, "event.start", ["'8 februari 2019' är inte skrivet ÅÅÅÅ-MM-DD", "skriv start: 2019-02-08"]),
    ("unparseable_end_time", 7, "event.end", ["'25:00'", "timmen måste vara 0–23"]),
    ("unknown_recurrence_key", 7, "event.recurrence.cout", ["okänt fält 'cout'", "menade du 'count'"]),
    ("count_zero", 10, "event.recurrence.count", ["'0' ska vara ett heltal 1 eller större", "count: 10"]),
    ("deadline_after_start", 9, "event.registration.deadline", ["efter start", "senast när händelsen börjar"]),
    ("without_start", 5, "event", ["'start' saknas", "start: 2019-02-08 08:15"]),
    ("on_nothing", 5, "event", ["ska vara fält med värden", "event: {start:"]),
    ("unknown_status", 7, "event.status", ["okänd status 'avbokad'", "cancelled (inställt)", "full (fullbokat)"]),
    ("start_not_on_recurrence", 6, "event.start", ["stämmer inte med upprepningen", "onsdag 30 januari 2019"]),
    ("recurrence_without_end", 7, "event.recurrence", ["count", "until"]),
    ("related_without_title", 6, "related_events.0", ["'title' saknas"]),
    ("planned_without_theme_or_series", 6, "planned_meetings.0", ["varken theme eller en serie"]),
    ("session_outside_event", 9, "event.sessions.0.start", ["2022-06-20 ligger utanför händelsens datum"]),
    ("end_time_on_all_day", 7, "event.end", ["start har ingen tid"]),
]


@pytest.mark.parametrize("case,line,field,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_event_stops_the_build_naming_file_line_field_and_fix(small_site, case, line, field, words):
    small_site.write(f"inbjudningar/events_{case}.md", (FIXTURES / f"events_{case}.md").read_text(encoding="utf-8"))
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"inbjudningar/events_{case}.md:{line}: fält '{field}':" in output, output
    for word in words:
        assert word in output, output
    assert not small_site.output.exists(), "a failed build must write nothing"


# --- the model: occurrences on wall-clock time -------------------------------

def parse(block):
    registry = load_registry(ROOT / "data" / "registry.yaml")
    fields = Fields("test.md", {}, registry, {})
    return parse_event(fields, ("event",), block, "event")


def test_self_help_group_expands_to_ten_last_wednesdays_at_1330():
    event = parse({"start": "2019-01-30 13:30", "end": "15:30",
                   "recurrence": {"freq": "monthly", "byday": "-1WE", "count": 10}})
    starts = [start for start, _ in event.occurrences]
    assert len(starts) == 10
    for start in starts:
        assert start.weekday() == 2, start  # Wednesday
        assert (start + dt.timedelta(days=7)).month != start.month, f"{start} is not the last Wednesday"
        assert (start.hour, start.minute) == (13, 30)
        assert start.tzinfo.key == "Europe/Stockholm"
    assert [s.month for s in starts] == list(range(1, 11))
    # Winter and summer time both: the wall clock, not the UTC instant, is kept.
    assert {s.utcoffset() for s in starts} == {dt.timedelta(hours=1), dt.timedelta(hours=2)}
    assert all(end - start == dt.timedelta(hours=2) for start, end in event.occurrences)
    assert event.recurrence.in_words() == "sista onsdagen varje månad, 10 träffar"


@pytest.mark.parametrize(
    "block,expected",
    [
        # DST starts 31 March 2019 02:00: 18:00 stays 18:00 on both sides.
        ({"start": "2019-03-27 18:00", "end": "2019-03-27 20:00", "recurrence": {"freq": "weekly", "count": 2}},
         [("2019-03-27T18:00:00+01:00", "2019-03-27T20:00:00+01:00"), ("2019-04-03T18:00:00+02:00", "2019-04-03T20:00:00+02:00")]),
        # DST ends 27 October 2019 03:00.
        ({"start": "2019-10-26 10:00", "end": "12:00", "recurrence": {"freq": "daily", "until": "2019-10-27"}},
         [("2019-10-26T10:00:00+02:00", "2019-10-26T12:00:00+02:00"), ("2019-10-27T10:00:00+01:00", "2019-10-27T12:00:00+01:00")]),
        # An evening across the change itself: 3 hours on the clock, 2 in real time.
        ({"start": "2019-03-30 23:00", "end": "2019-03-31 03:00"},
         [("2019-03-30T23:00:00+01:00", "2019-03-31T03:00:00+02:00")]),
        # All day, two days: end is the midnight after the last day.
        ({"start": "2019-05-21", "end": "2019-05-22"}, [("2019-05-21T00:00:00+02:00", "2019-05-23T00:00:00+02:00")]),
        # No end: the occurrence lasts the day out.
        ({"start": "2022-04-01 07:30"}, [("2022-04-01T07:30:00+02:00", "2022-04-02T00:00:00+02:00")]),
    ],
    ids=["weekly-into-summer-time", "daily-into-winter-time", "across-the-change", "all-day-two-days", "no-end"],
)
def test_occurrences_keep_wall_clock_time(block, expected):
    event = parse(block)
    assert [(s.isoformat(), e.isoformat()) for s, e in event.occurrences] == expected


@pytest.mark.parametrize(
    "recurrence,words",
    [
        ({"freq": "weekly", "byday": "MO", "count": 4}, "varje måndag, 4 träffar"),
        ({"freq": "weekly", "interval": 2, "byday": "MO", "count": 1}, "måndagar varannan vecka, 1 träff"),
        ({"freq": "monthly", "byday": "1MO", "until": "2019-06-30"}, "första måndagen varje månad, till och med 30 juni 2019"),
        ({"freq": "monthly", "bymonthday": 15, "count": 3}, "den 15:e varje månad, 3 träffar"),
    ],
)
def test_recurrence_in_swedish_words(recurrence, words):
    start = {"MO": "2019-01-07 13:00", "1MO": "2019-01-07 13:00"}.get(recurrence.get("byday"), "2019-01-15 13:00")
    assert parse({"start": start, "recurrence": recurrence}).recurrence.in_words() == words


def test_a_start_that_the_rule_would_skip_is_refused():
    with pytest.raises(ContentError, match="stämmer inte med upprepningen"):
        parse({"start": "2019-01-29 13:30", "recurrence": {"freq": "monthly", "byday": "-1WE", "count": 2}})


# --- ICS --------------------------------------------------------------------

def calendar(site, url):
    return icalendar.Calendar.from_ical(site.path(url).read_bytes())


def events_by_summary(cal):
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_site_calendar_has_stockholm_times_rrule_status_and_links(site):
    cal = calendar(site, "kalender/alla.ics")
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    events = events_by_summary(cal)

    breakfast = events["Välkommen till forskningsfrukost om samverkan med föreningar"]
    start = breakfast.decoded("DTSTART")
    assert start == dt.datetime(2019, 2, 8, 8, 15, tzinfo=STOCKHOLM)
    assert breakfast["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert breakfast.decoded("DTEND") == dt.datetime(2019, 2, 8, 10, 0, tzinfo=STOCKHOLM)
    assert "Mindpark" in str(breakfast["LOCATION"]) and "Bredgatan 11" in str(breakfast["LOCATION"])
    assert str(breakfast["URL"]).endswith("/" + BREAKFAST)
    assert str(breakfast["STATUS"]) == "CONFIRMED"
    assert site.path(str(breakfast["URL"]).split("/", 3)[3]).exists()

    self_help = events["Inbjudan till självhjälpsgrupp för anhöriga"]
    rule = self_help["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["-1WE"] and rule["COUNT"] == [10]
    # The client's view: the RRULE from the file, expanded from its DTSTART.
    first = self_help.decoded("DTSTART")
    dates = list(rrule.rrulestr(self_help["RRULE"].to_ical().decode(), dtstart=first.replace(tzinfo=None)))
    assert [d.date() for d in dates] == [
        dt.date(2019, m, d) for m, d in [(1, 30), (2, 27), (3, 27), (4, 24), (5, 29), (6, 26), (7, 31), (8, 28), (9, 25), (10, 30)]
    ]

    pixlapiren = events["Två kreativa dagar på Pixlapiren"]
    assert pixlapiren.decoded("DTSTART") == dt.date(2019, 5, 21)
    assert pixlapiren.decoded("DTEND") == dt.date(2019, 5, 23)  # exclusive: through 22 May

    inhabithon = events["Inhabithon"]
    assert (inhabithon.decoded("DTSTART"), inhabithon.decoded("DTEND")) == (dt.date(2022, 6, 17), dt.date(2022, 6, 20))
    assert "Intro till utmaningar" in str(inhabithon["DESCRIPTION"])


def test_a_summary_is_plain_text_on_one_line():
    """DESCRIPTION and the JSON-LD take the page's summary (HTML; a paragraph
    Markdown kept on two lines) as text, its line breaks as spaces."""
    summary = '<p>Möte om <em>barn &amp; unga</em>\ni <a href="/x">Helsingborg</a>.</p>'
    assert plain(summary) == "Möte om barn & unga i Helsingborg."


def test_planned_meetings_are_tentative_and_shown_once(site):
    events = list(calendar(site, "kalender/alla.ics").walk("VEVENT"))
    tentative = {e.decoded("DTSTART"): str(e["SUMMARY"]) for e in events if str(e["STATUS"]) == "TENTATIVE"}
    assert tentative == {
        dt.date(2019, 2, 11): "Gemensam utvecklingsgrupp – anhörigstöd (preliminärt)",
        dt.date(2019, 3, 11): "Gemensam utvecklingsgrupp (preliminärt)",
        dt.date(2022, 4, 25): "Gemensam utvecklingsgrupp – skaparverkstad och guidade vandringar under H22 City Expo (preliminärt)",
        dt.date(2022, 5, 16): "Gemensam utvecklingsgrupp – gemensamma insatser på H22 City Expo och deltagarengagemang (preliminärt)",
    }
    # 21 January 2019 was promised on the 10 December page and then got its own page.
    on_21_january = [e for e in events if str(e.decoded("DTSTART"))[:10] == "2019-01-21"]
    assert len(on_21_january) == 1 and str(on_21_january[0]["STATUS"]) == "CONFIRMED"


def test_uids_are_unique_and_stable_across_builds(site, tmp_path):
    first = [str(e["UID"]) for e in calendar(site, "kalender/alla.ics").walk("VEVENT")]
    assert len(first) == len(set(first))
    assert f"{SELF_HELP}event@lararkiv.helsingborg.se" in first
    again = pelican_build(tmp_path / "again", content=SEED, cwd=SEED.parent)
    assert again.returncode == 0, again.stderr
    second = [str(e["UID"]) for e in calendar(BuiltSite(tmp_path / "again"), "kalender/alla.ics").walk("VEVENT")]
    assert first == second


def test_administration_type_and_page_calendars(site):
    vof = events_by_summary(calendar(site, "kalender/forvaltning/vof.ics"))
    assert set(vof) == {"Inbjudan till självhjälpsgrupp för anhöriga", "Två kreativa dagar på Pixlapiren"}
    fou = events_by_summary(calendar(site, "kalender/forvaltning/fou-helsingborg.ics"))
    assert set(fou) == {"Välkommen till forskningsfrukost om samverkan med föreningar"}
    for slug in ("amf", "sff", "sof", "vof", "slf", "fritid-helsingborg", "fou-helsingborg"):
        assert calendar(site, f"kalender/forvaltning/{slug}.ics").walk("VTIMEZONE")
    notes = events_by_summary(calendar(site, "kalender/typ/motesanteckningar.ics"))
    assert "Inhabithon" in notes and "Två kreativa dagar på Pixlapiren" not in notes
    assert not calendar(site, "kalender/typ/utmaning.ics").walk("VEVENT")
    page = events_by_summary(calendar(site, GUG_2022 + "kalender.ics"))
    assert len(page) == 6  # four related events and two planned meetings


def test_cancelled_event_in_ics_page_and_json_ld(small_site):
    small_site.write("inbjudningar/installd.md", (FIXTURES / "events_cancelled_across_dst.md").read_text(encoding="utf-8"))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    built = BuiltSite(small_site.output)
    (event,) = calendar(built, "kalender/alla.ics").walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["SUMMARY"]).startswith("Inställt: ")
    page = built.soup("arkiv/2026/01/installd/")
    assert page.select_one(".la-event__status").get_text(strip=True) == "Inställt"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    times = [t["datetime"] for t in page.select(".la-event__dates time")]
    assert times == ["2019-03-20T18:00:00+01:00", "2019-03-27T18:00:00+01:00", "2019-04-03T18:00:00+02:00"]


ALL_DAY_WEEKLY = """---
title: Sommarträffar
date: 2019-05-01
type: inbjudan
administrations: [sof]
event:
  start: 2019-06-03
  recurrence: {freq: weekly, until: 2019-06-24}
---

Varje måndag i juni.
"""


def test_all_day_recurrence_ends_on_a_date(small_site):
    """RFC 5545 3.3.10: after a DATE DTSTART, UNTIL is a DATE too (a UTC time
    there makes clients such as Google Calendar drop or misread the rule)."""
    small_site.write("inbjudningar/sommartraffar.md", ALL_DAY_WEEKLY)
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    data = BuiltSite(small_site.output).path("kalender/alla.ics").read_bytes()
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20190624\r\n" in data
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start == dt.date(2019, 6, 3)
    rule = rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
    assert [d.date() for d in rule] == [dt.date(2019, 6, d) for d in (3, 10, 17, 24)]


def test_an_updated_page_revises_its_events(small_site):
    """LAST-MODIFIED and DTSTAMP follow the page's last update, and SEQUENCE
    grows with it (clients keep an imported event whose SEQUENCE is not higher)."""
    page = ALL_DAY_WEEKLY.replace("title: Sommarträffar", "title: Sommarträffar\nslug: sommar")
    small_site.write("inbjudningar/sommar.md", page)
    assert small_site.build().returncode == 0
    (first,) = calendar(BuiltSite(small_site.output), "kalender/alla.ics").walk("VEVENT")
    assert first.decoded("LAST-MODIFIED") == dt.datetime(2019, 4, 30, 22, 0, tzinfo=dt.UTC)
    assert int(first.get("SEQUENCE", 0)) == 0
    sequences = []
    for updated in ("2019-05-20", "2019-05-27 09:30"):
        small_site.write("inbjudningar/sommar.md", page.replace("date: 2019-05-01", f"date: 2019-05-01\nupdated: {updated}"))
        result = small_site.build()
        assert result.returncode == 0, result.stdout + result.stderr
        (event,) = calendar(BuiltSite(small_site.output), "kalender/alla.ics").walk("VEVENT")
        stated = dt.datetime.fromisoformat(updated).replace(tzinfo=STOCKHOLM).astimezone(dt.UTC)
        assert event.decoded("LAST-MODIFIED") == event.decoded("DTSTAMP") == stated
        assert str(event["UID"]) == str(first["UID"])
        sequences.append(int(event["SEQUENCE"]))
    assert 0 < sequences[0] < sequences[1]


RELATED = """---
title: Programmet i vår
date: 2019-01-10
type: inbjudan
administrations: [sof]
related_events:
{events}
---

Tre träffar i vår.
"""
WORKSHOP = "  - {title: Workshop, start: 2019-03-01 13:00}"
BREAKFAST_APRIL = "  - {title: Föreningsfrukost, start: 2019-04-05 08:00}"
BREAKFAST_MAY = "  - {title: Föreningsfrukost, start: 2019-05-03 08:00}"


def related_uids(small_site, *events):
    small_site.write("inbjudningar/programmet.md", RELATED.format(events="\n".join(events)))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    cal = calendar(BuiltSite(small_site.output), "kalender/alla.ics")
    return {str(e["DTSTART"].dt.date()): str(e["UID"]) for e in cal.walk("VEVENT")}


def test_a_related_event_keeps_its_uid_when_the_list_is_reordered_or_the_date_moves(small_site):
    """Clients match an event by UID: a UID from the list position would hand
    one event's identity to another when the editor reorders the list."""
    first = related_uids(small_site, WORKSHOP, BREAKFAST_APRIL, BREAKFAST_MAY)
    assert len(set(first.values())) == 3
    assert "programmet/related-workshop@" in first["2019-03-01"]
    assert "related-foreningsfrukost-2019-04-05@" in first["2019-04-05"]
    reordered = related_uids(small_site, BREAKFAST_MAY, BREAKFAST_APRIL, WORKSHOP)
    assert reordered == first
    moved = related_uids(small_site, WORKSHOP.replace("03-01", "03-08"), BREAKFAST_APRIL, BREAKFAST_MAY)
    assert moved["2019-03-08"] == first["2019-03-01"]


def test_related_events_with_the_same_title_and_start_get_distinct_uids(small_site):
    related_uids(small_site, BREAKFAST_APRIL, BREAKFAST_APRIL)
    cal = calendar(BuiltSite(small_site.output), "kalender/alla.ics")
    both = sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    assert len(set(both)) == 2 and all("related-foreningsfrukost-2019-04-05-" in uid for uid in both)


# --- HTML: the event block, JSON-LD, the calendar page, the front page ---------

def test_event_block_says_when_where_and_registration_in_swedish(site):
    soup = site.soup(BREAKFAST)
    block = soup.select_one(".la-events-on-page")
    facts = {row.dt.get_text(strip=True): row.dd for row in block.select(".la-event__row")}
    assert list(facts) == ["När", "Var", "Medverkande", "Arrangör", "Anmälan"]
    assert facts["När"].select_one(".la-event__when").get_text() == "fredag 8 februari 2019 kl. 08.15–10.00"
    assert facts["När"].time["datetime"] == "2019-02-08T08:15:00+01:00"
    assert "Frukost från kl. 07.45." in facts["När"].get_text()
    assert "Bredgatan 11, Helsingborg" in facts["Var"].get_text()
    link = block.find("a", string="Lägg till i kalender")
    assert link["href"].endswith(BREAKFAST + "kalender.ics")
    assert site.path(BREAKFAST + "kalender.ics").exists()

    self_help = site.soup(SELF_HELP).select_one(".la-events-on-page")
    assert self_help.select_one(".la-event__when").get_text().endswith(", därefter sista onsdagen varje månad, 10 träffar")
    assert len(self_help.select(".la-event__dates li")) == 10
    registration = {row.dt.get_text(strip=True): row.dd for row in self_help.select(".la-event__row")}["Anmälan"]
    assert registration.find("a", href="mailto:anhorigstod@helsingborg.se")
    assert "Anna Pihlqvist" in registration.get_text()
    # Past at the build date: said in words, not hidden by JavaScript alone.
    assert not self_help.select_one("[data-la-ended-notice]").has_attr("hidden")


def test_json_ld_describes_the_event(site):
    data = json.loads(site.soup(BREAKFAST).find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2019-02-08T08:15:00+01:00"
    assert data["endDate"] == "2019-02-08T10:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"] == "Bredgatan 11, Helsingborg"
    assert [p["name"] for p in data["performer"]] == ["Anett Schenk", "Lars Harrysson"]
    related = json.loads(site.soup(GUG_2022).find("script", type="application/ld+json").string)
    assert [e["name"] for e in related][:2] == ["Workshop om framtidens sociala tjänster", "Inhabithon"]
    assert related[1]["endDate"] == "2022-06-19" and len(related[1]["subEvent"]) == 3


def test_calendar_page_lists_past_events_by_year_with_details(site):
    soup = site.soup("kalender/")
    upcoming = soup.select_one("[data-la-upcoming]")
    assert not upcoming.select("[data-la-event-list] li")
    assert upcoming.select_one("[data-la-event-list-empty]").get_text(strip=True) == "Inga kommande händelser."
    years = [h.get_text(strip=True) for h in soup.select(".la-calendar__year > h3")]
    assert years == ["2022", "2019", "2018"]
    items = soup.select(".la-calendar__past li[data-la-event-end]")
    starts = [li.time["datetime"] for li in items]
    assert starts == sorted(starts, key=lambda s: dt.datetime.fromisoformat(s if "T" in s else s + "T00:00+01:00"), reverse=True)
    breakfast = next(li for li in items if "forskningsfrukost om samverkan" in li.get_text())
    assert "fredag 8 februari 2019 kl. 08.15–10.00" in breakfast.get_text()
    assert "Mindpark, lokal Auditoriet, Bredgatan 11, Helsingborg" in breakfast.get_text()
    assert "Forskningsfrukost" in breakfast.select_one(".la-event-list__type").get_text()
    assert [b.abbr.get_text() for b in breakfast.select(".la-badge")] == ["SOF", "FoU"]
    self_help = [li for li in items if "självhjälpsgrupp" in li.get_text()]
    assert len(self_help) == 10
    subscriptions = [a["href"] for a in soup.select(".la-subscribe a:not([data-la-subscribe])")]
    assert len(subscriptions) == 1 + 6 + 3  # Fritid Helsingborg, news, projects, reports and challenges have no events
    for href in subscriptions:
        assert site.path(href.replace("../", "").lstrip("./")).exists(), href
    nav = soup.select_one('nav[aria-label="Huvudmeny"] a[aria-current="page"]')
    assert nav.get_text(strip=True) == "Kalender"


def test_front_page_never_calls_past_events_upcoming(site):
    soup = site.soup("")
    region = soup.select_one(".la-front-events")
    # Nothing upcoming at the pinned build date: the page opens with the past ones.
    assert region.select_one("[data-la-upcoming]") is None
    past = region.select_one("[data-la-past]")
    assert past.h2.get_text(strip=True) == "Tidigare händelser"
    titles = [li.h3.get_text(strip=True) for li in past.select("li[data-la-event-end]")]
    assert titles[0] == "Resultatet från Inhabithon presenteras" and len(titles) == 3


def test_future_full_event_is_upcoming_everywhere(small_site):
    small_site.write("forskningsfrukostar/framtid.md", (FIXTURES / "events_future_and_full.md").read_text(encoding="utf-8"))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    built = BuiltSite(small_site.output)
    for url in ("", "kalender/"):
        upcoming = built.soup(url).select_one("[data-la-upcoming]")
        (item,) = upcoming.select("li[data-la-event-end]")
        assert item["data-la-event-end"] == "2027-03-05T09:30:00+01:00"
        assert "Fullbokat — väntelista" in item.get_text()
    page = built.soup("arkiv/2026/10/framtid/")
    assert page.select_one("[data-la-ended-notice]").has_attr("hidden")
    assert "Sista anmälningsdag: måndag 1 mars 2027" in page.select_one(".la-events-on-page").get_text()
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"


def test_event_fields_are_documented_for_their_readers():
    docs = ROOT / "docs"
    guide = (docs / "redaktorsguide.md").read_text(encoding="utf-8")
    model = (docs / "innehallsmodell.md").read_text(encoding="utf-8")
    architecture = (docs / "arkitektur.md").read_text(encoding="utf-8")
    assert "## Händelser och kalendrar" in guide
    for key in ("recurrence", "registration", "planned_meetings"):
        assert key in guide, key
    for key in ("byday", "deadline", "sessions", "status"):
        assert key in model, key
    for key in ("EVENTS_UID_DOMAIN", "EVENT_OCCURRENCES"):
        assert key in architecture, key


def test_every_wrong_field_of_an_event_block_is_reported_at_once():
    registry = load_registry(ROOT / "data" / "registry.yaml")
    lines = {("event", "online_url"): 8, ("event", "status"): 9, ("event", "registration", "email"): 11}
    fields = Fields("test.md", lines, registry, {})
    block = {
        "start": "2019-02-08 08:15",
        "online_url": "teams-länken kommer",
        "status": "avbokad",
        "registration": {"email": "anmalan(at)helsingborg.se"},
    }
    with pytest.raises(ContentErrorGroup) as raised:
        parse_event(fields, ("event",), block, "event")
    assert [(e.field, e.line) for e in raised.value.errors] == [
        ("event.online_url", 8), ("event.status", 9), ("event.registration.email", 11),
    ]


def test_a_wrong_end_is_not_followed_by_errors_of_the_sessions():
    block = {
        "start": "2022-06-16", "end": "2022-06-15",
        "sessions": [{"title": "Öppning", "start": "2022-06-17 10:00"}],
    }
    with pytest.raises(ContentError) as raised:
        parse(block)
    assert not isinstance(raised.value, ContentErrorGroup)
    assert raised.value.field == "event.end"
