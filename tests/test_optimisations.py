"""Issue #10: the optimisations change how fast the output is made, never what
it is. Each test compares an optimised build's output with the plain one's,
or with what the library itself writes."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import babel.dates
import icalendar
import pytest
import yaml
from archive_model.dates import LOCALE, format_day, sv_date, sv_month
from archive_model.yaml_loader import ArchiveLoader, PureArchiveLoader, load_with_lines
from pelican.utils import SafeDatetime


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


# --- YAML front matter: libyaml's parser, our rules --------------------------

FRONT_MATTER_CASES = {
    "times_stay_text": "start: 13:30\nend: 15:30\n",
    "dates_stay_text": "date: 2019-02-30\nupdated: 2024-05-01 09:15\n",
    "numbers_and_booleans": "count: 12\nratio: 1.5\nshow: yes\nhidden: false\nnothing: ~\n",
    "nested_lines": "title: Möte\nevent:\n  start: 2024-03-01 13:30\n  place: Rådhuset\n"
                    "speakers:\n  - name: Anna\n    affiliation: FoU\n  - name: Bo\n",
    "block_and_folded_text": "summary: >\n  Två rader\n  blir en.\nnote: |\n  Rad ett\n  Rad två\n",
    "quotes_and_unicode": "title: 'Kväll: \"vi\" och ni'\ntags: [skola, \"fritid\", ÅÄÖ]\n",
    "comments_and_blank_lines": "# kommentar\n\ntitle: Sida  # efter\n\n\ntype: nyhet\n",
}


@pytest.mark.parametrize("case", FRONT_MATTER_CASES, ids=list(FRONT_MATTER_CASES))
def test_libyaml_reads_front_matter_as_the_pure_loader_does(case):
    text = FRONT_MATTER_CASES[case]
    fast = load_with_lines(text, 2)
    assert fast == load_with_lines(text, 2, PureArchiveLoader)
    data, lines = fast
    assert data and all(isinstance(line, int) and line >= 2 for line in lines.values())


def test_times_and_dates_stay_text_with_their_lines():
    data, lines = load_with_lines(FRONT_MATTER_CASES["nested_lines"], 2)
    assert data["event"]["start"] == "2024-03-01 13:30"
    assert lines[("event", "place")] == 5
    assert lines[("speakers", 1, "name")] == 9


INVALID_FRONT_MATTER = {
    "unclosed_quote": "title: 'Möte\ntype: nyhet\n",
    "bad_indent": "title: Möte\n  type: nyhet\n",
    "colon_in_text": "title: Möte: kväll: sen\n",
    "tab_indent": "event:\n\tstart: 13:30\n",
}


@pytest.mark.parametrize("case", INVALID_FRONT_MATTER, ids=list(INVALID_FRONT_MATTER))
def test_invalid_yaml_is_explained_as_the_pure_loader_explains_it(case):
    text = INVALID_FRONT_MATTER[case]
    with pytest.raises(yaml.YAMLError) as fast:
        load_with_lines(text, 2)
    with pytest.raises(yaml.YAMLError) as pure:
        load_with_lines(text, 2, PureArchiveLoader)
    assert str(fast.value) == str(pure.value)


def test_libyaml_is_used_when_installed():
    base = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    assert issubclass(ArchiveLoader, base)


# --- Swedish dates: Babel's formatting remembered per day --------------------

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")
DATE_VALUES = {
    "date": dt.date(2019, 2, 8),
    "naive_datetime": dt.datetime(2019, 2, 8, 8, 15),
    "aware_datetime_late_evening": dt.datetime(2019, 2, 8, 23, 30, tzinfo=STOCKHOLM),
    "pelican_safe_datetime": SafeDatetime(2024, 12, 31, 0, 5),
    "leap_day": dt.date(2024, 2, 29),
}


@pytest.mark.parametrize("name", DATE_VALUES, ids=list(DATE_VALUES))
@pytest.mark.parametrize("pattern", ["EEEE d MMMM y", "d MMMM y", "LLLL y", "EEEE d MMMM"])
def test_remembered_dates_read_as_babel_writes_them(name, pattern):
    value = DATE_VALUES[name]
    expected = babel.dates.format_date(value, pattern, locale=LOCALE)
    assert format_day(value, pattern) == expected
    assert format_day(value, pattern) == expected  # the remembered one


def test_the_date_filters_use_the_remembered_formatting():
    assert sv_date(dt.date(2019, 2, 8)) == "fredag 8 februari 2019"
    assert sv_month(dt.datetime(2019, 2, 8, 8, 15)) == "februari 2019"
