"""Issue #10: the optimisations change how fast the output is made, never what
it is. Each test compares an optimised build's output with the plain one's,
or with what the library itself writes."""

from __future__ import annotations

import icalendar
import pytest


def ics_files(site):
    files = sorted(site.root.rglob("*.ics"))
    assert files, "the real site has calendars"
    return files


def test_every_calendar_is_exactly_what_icalendar_writes(site):
    """Calendars are assembled from VTIMEZONE/VEVENT bytes the library made once
    per build; parsed and written again by the library, each file gives the
    same bytes, so the assembly added, dropped or moved nothing."""
    for path in ics_files(site):
        data = path.read_bytes()
        assert icalendar.Calendar.from_ical(data).to_ical() == data, path


@pytest.mark.parametrize("url", ["kalender/alla.ics", "kalender/typ/motesanteckningar.ics"])
def test_shared_calendars_hold_each_event_once_with_the_timezone_first(site, url):
    calendar = icalendar.Calendar.from_ical(site.path(url).read_bytes())
    components = [c.name for c in calendar.subcomponents]
    assert components[0] == "VTIMEZONE" and components.count("VTIMEZONE") == 1
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert uids and len(uids) == len(set(uids))
