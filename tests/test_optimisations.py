"""Issue #10: the optimisations change how fast the output is made, never what
it is. Each test compares an optimised build's output with the plain one's,
or with what the library itself writes."""

from __future__ import annotations

import icalendar
import pytest
import yaml
from archive_model.yaml_loader import ArchiveLoader, PureArchiveLoader, load_with_lines


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
