"""Every time field of the content model reads the same forms (13:30 and
13.30, with a date, or an end alone on the start's day) and a wrong one is
refused with a suggestion written as that field is written (issue 21)."""

from __future__ import annotations

import sys

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))

from archive_model.errors import ContentError, ContentErrorGroup
from archive_model.model import Fields, build_metadata
from archive_model.registry import load_registry
from archive_model.yaml_loader import load_with_lines

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
HEAD = "title: Forskningsfrukost\ndate: 2019-01-10\ntype: inbjudan\nseries: forskningsfrukost\n"


def metadata_of(front):
    raw, lines = load_with_lines(HEAD + front, 2)
    settings = {"PATH": str(ROOT / "content"), "STATIC_PATHS": ["bilagor", "bilder"]}
    return build_metadata(raw, Fields("content/inbjudningar/x.md", lines, REGISTRY, settings))


def errors_of(front):
    with pytest.raises((ContentError, ContentErrorGroup)) as caught:
        metadata_of(front)
    errors = getattr(caught.value, "errors", None) or [caught.value]
    return [(e.field, f"{e.message} — {e.hint}" if e.hint else e.message) for e in errors]


# (front matter, path to the value, expected wall-clock time)
ACCEPTED = [
    ("event: {start: 2019-02-08 13:30, end: '15:30'}", ("event", "end"), (2019, 2, 8, 15, 30)),
    ("event: {start: 2019-02-08 13:30, end: 15.30}", ("event", "end"), (2019, 2, 8, 15, 30)),
    ("event: {start: 2019-02-08 13.30, end: 15:30}", ("event", "start"), (2019, 2, 8, 13, 30)),
    ("event: {start: 2019-02-08 13.30, end: 2019-02-08 15.30}", ("event", "end"), (2019, 2, 8, 15, 30)),
    ("event:\n  start: 2019-02-08 13:30\n  registration: {deadline: 2019-02-01 12.00}\n",
     ("event", "registration", "deadline"), (2019, 2, 1, 12, 0)),
    ("event:\n  start: 2019-02-08 08:00\n  end: 16.00\n  sessions:\n    - {title: Pass, start: 2019-02-08 09.15, end: 10.30}\n",
     ("event", "sessions", 0, "end"), (2019, 2, 8, 10, 30)),
    ("related_events:\n  - {title: Andra frukosten, start: 2019-03-08 08.15, end: 9.30}\n",
     ("related_events", 0, "end"), (2019, 3, 8, 9, 30)),
    ("planned_meetings:\n  - {date: 2019-04-05 08.15, end: 09.30, location: Dunkers}\n",
     ("planned_meetings", 0, "end"), (2019, 4, 5, 9, 30)),
    ("planned_meetings:\n  - {date: 2019-04-05 08.15, end: 09.30, location: Dunkers}\n",
     ("planned_meetings", 0, "start"), (2019, 4, 5, 8, 15)),
]


def _value(metadata, path):
    value = metadata[path[0]]
    for step in path[1:]:
        value = value[step] if isinstance(step, int) else getattr(value, step)
    return value


@pytest.mark.parametrize("front,path,expected", ACCEPTED, ids=[f"{a[0][:50]}→{a[1][-1]}" for a in ACCEPTED])
def test_every_time_field_reads_colon_and_dot_alike(front, path, expected):
    value = _value(metadata_of(front), path)
    assert (value.year, value.month, value.day, value.hour, value.minute) == expected


REFUSED = [
    # (front matter, field, words of the message: the field's own form)
    ("event: {start: 2019-02-08 13:30, end: 15.3}", "event.end", "skriv TT:MM, t.ex. end: 15:30"),
    ("event: {start: 2019-02-08 13:30, end: snart}", "event.end", "skriv TT:MM, t.ex. end: 15:30"),
    ("event: {start: 2019-02-08 13:30, end: kl 15.30}", "event.end", "skriv TT:MM, end: 15:30"),
    ("event: {start: 8 februari 2019 kl 13.30}", "event.start", "skriv start: 2019-02-08 13:30"),
    ("event: {start: i morgon}", "event.start", "t.ex. start: 2019-02-08 13:30"),
    ("event:\n  start: 2019-02-08 13:30\n  registration: {deadline: 1 februari}\n",
     "event.registration.deadline", "t.ex. deadline: 2019-01-25 12:00"),
    ("planned_meetings:\n  - {date: 5 april 2019, location: Dunkers}\n", "planned_meetings.0.date", "skriv date: 2019-04-05"),
    ("planned_meetings:\n  - {date: 2019-04-05 08:15, end: 9.3}\n", "planned_meetings.0.end", "t.ex. end: 15:30"),
    ("event: {start: 2019-02-08 13:30, end: 9.05}", "event.end", "innan den har börjat"),
]


@pytest.mark.parametrize("front,field,words", REFUSED, ids=[r[0][:60] for r in REFUSED])
def test_a_wrong_time_names_the_field_and_its_form(front, field, words):
    found = errors_of(front)
    assert any(f == field and words in message for f, message in found), found


def test_a_page_date_written_otherwise_names_the_field():
    assert ("date", "'8 februari 2019' är inte skrivet ÅÅÅÅ-MM-DD — skriv date: 2019-02-08") in [
        (field, message) for field, message in _errors_of_head("title: Rubrik\ndate: 8 februari 2019\ntype: nyhet\n")
    ]


def _errors_of_head(front):
    raw, lines = load_with_lines(front, 2)
    settings = {"PATH": str(ROOT / "content"), "STATIC_PATHS": ["bilagor", "bilder"]}
    with pytest.raises((ContentError, ContentErrorGroup)) as caught:
        build_metadata(raw, Fields("content/nyheter/x.md", lines, REGISTRY, settings))
    errors = getattr(caught.value, "errors", None) or [caught.value]
    return [(e.field, f"{e.message} — {e.hint}" if e.hint else e.message) for e in errors]


def test_a_decimal_number_stays_as_written():
    raw, _ = load_with_lines("title: 1.10\nend: 15.30\n", 2)
    assert raw == {"title": "1.10", "end": "15.30"}
