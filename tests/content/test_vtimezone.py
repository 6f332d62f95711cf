"""Each calendar's VTIMEZONE covers the years of its own events (issue 21):
read back by icalendar and by a second, independent reader (the `ical`
package), every event's start in every calendar of the production build has
the UTC offset Europe/Stockholm had that day, recurrences expanded."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import rrule

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture(scope="module")
def calendars(published_site):
    found = {p.relative_to(published_site.root).as_posix(): p.read_bytes() for p in sorted(published_site.root.rglob("*.ics"))}
    assert found
    return found


def starts(event):
    """Every start of a VEVENT as a naive wall-clock time (RRULE expanded)."""
    start = event["DTSTART"].dt
    if not isinstance(start, dt.datetime):
        return []  # all day: no time zone involved
    if "RRULE" not in event:
        return [start.replace(tzinfo=None)]
    rule = rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None), ignoretz=True)
    return list(rule)


def transition_years(timezone):
    years = set()
    for observance in timezone.subcomponents:
        years.add(observance["DTSTART"].dt.year)
        for rdate in observance.get("RDATE", []) if isinstance(observance.get("RDATE"), list) else [observance.get("RDATE")]:
            if rdate is not None:
                years |= {when.dt.year for when in rdate.dts}
    return years


def test_each_vtimezone_covers_the_years_of_its_own_events(calendars):
    for path, data in calendars.items():
        calendar = icalendar.Calendar.from_ical(data)
        (timezone,) = calendar.walk("VTIMEZONE")
        covered = transition_years(timezone)
        years = {when.year for event in calendar.walk("VEVENT") for when in starts(event)}
        # Both transitions (spring and autumn) of every year with an event, and no more than a year's margin.
        assert years <= covered, (path, sorted(years - covered))
        if years:
            assert min(covered) >= min(years) - 1 and max(covered) <= max(years) + 1, (path, sorted(covered), sorted(years))
        rules = timezone.to_tz()
        for event in calendar.walk("VEVENT"):
            for when in starts(event):
                assert when.replace(tzinfo=rules).utcoffset() == when.replace(tzinfo=STOCKHOLM).utcoffset(), (path, when)


def test_a_second_reader_reads_the_same_times(calendars):
    """Python's `ical` (a separate implementation) resolves every timed
    start through the VTIMEZONE to the instant icalendar and zoneinfo give."""
    stream = pytest.importorskip("ical.calendar_stream")
    for path, data in calendars.items():
        calendar = stream.IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
        parsed = icalendar.Calendar.from_ical(data)
        expected = sorted(
            when.replace(tzinfo=STOCKHOLM).astimezone(dt.UTC)
            for event in parsed.walk("VEVENT") if isinstance(event["DTSTART"].dt, dt.datetime)
            for when in starts(event)[:1]
        )
        found = sorted(event.dtstart.astimezone(dt.UTC) for event in calendar.events if isinstance(event.dtstart, dt.datetime))
        assert found == expected, path
        assert [tz.tz_id for tz in calendar.timezones] == ["Europe/Stockholm"], path


def test_each_transition_is_its_own_rdate(calendars):
    """ical.js reads only the first value of an RDATE list: with several on
    one line, every summer after the first was read as winter time (checked
    with ical.js 2.2.1 under node: 14 of 93 occurrences an hour off)."""
    for path, data in calendars.items():
        unfolded = data.replace(b"\r\n ", b"")
        for line in unfolded.split(b"\r\n"):
            if line.startswith(b"RDATE"):
                assert b"," not in line, (path, line)
