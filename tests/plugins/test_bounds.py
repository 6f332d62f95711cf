"""Bounds (issue 20): whatever an editor writes, the build's work and
memory stay bounded and the answer is our error, never a RecursionError,
a MemoryError or a crashed process."""

from __future__ import annotations

import pytest
import yaml
from archive_model.errors import ContentError
from archive_model.model import Fields, build_metadata
from archive_model.registry import load_registry
from archive_model.yaml_loader import MAX_DEPTH, ArchiveLoader, PureArchiveLoader, load_with_lines
from sitebuild import ROOT

LOADERS = [PureArchiveLoader, ArchiveLoader]

# Nine times nine times nine …: 20 lines held 9**20 strings once expanded.
BOMB = 'a0: &a0 ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 20)
)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    "text",
    [BOMB, "title: &t Hej\nsummary: *t\n", "event: &e {start: '2019-02-08 10:00'}\nmore: *e\n"],
    ids=["billion laughs", "a plain alias", "an aliased block"],
)
def test_an_alias_is_refused_before_it_is_expanded(loader, text):
    with pytest.raises(yaml.MarkedYAMLError, match="found an alias, refused"):
        load_with_lines(text, 2, loader)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    "text",
    [
        "topics: " + "[" * 200_000 + "]" * 200_000,  # crashed libyaml's composer (the whole process)
        "event: " + "{a: " * (MAX_DEPTH + 1) + "x" + "}" * (MAX_DEPTH + 1),
        "list:\n" + "".join("  " * i + "-\n" for i in range(MAX_DEPTH + 2)),
    ],
    ids=["flow", "blocks", "indented"],
)
def test_nesting_is_bounded_before_anything_is_built(loader, text):
    """The flow case is caught by the event scan (many nesting marks), the
    other two on the composed nodes (few marks: the scan is skipped)."""
    with pytest.raises(yaml.MarkedYAMLError, match="nesting deeper than the limit"):
        load_with_lines(text, 2, loader)


def test_the_content_models_deepest_fields_are_well_inside_the_bound():
    text = "event:\n  recurrence:\n    except: ['2019-02-08']\nattachments:\n  - {file: a.pdf, title: A}\n"
    data, _lines = load_with_lines(text, 2)
    assert data["event"]["recurrence"]["except"] == ["2019-02-08"]


REGISTRY = load_registry(ROOT / "data" / "registry.yaml")
EVENT = "title: Träff\ndate: 2019-01-15\ntype: inbjudan\nevent:\n  start: {start}\n  end: '11:00'\n  recurrence: {rule}\n"


def event_error(settings=None, start="2019-02-08 10:00", rule="{freq: weekly, count: 3}"):
    """The one error of an event page read with ``settings`` (None: it reads)."""
    raw, lines = load_with_lines(EVENT.format(start=start, rule=rule), 2)
    fields = Fields("content/inbjudningar/x.md", lines, REGISTRY, {"TIMEZONE": "Europe/Stockholm", **(settings or {})})
    try:
        build_metadata(raw, fields)
    except ContentError as error:
        return str(error)
    return None


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("{freq: daily, until: 2100-01-01}", "'event.recurrence.until': upprepningen ger fler än 500 tillfällen"),
        ("{freq: daily, count: 1000000}", "'event.recurrence.count': upprepningen ger fler än 500 tillfällen"),
        ("{freq: monthly, until: 2040-01-01}", "'event.recurrence.until': upprepningen når "),
        ("{freq: yearly, count: 12}", "mer än 10 år efter start"),
        ("{freq: daily, interval: 1000000000000, count: 2}", "'event.recurrence.interval': interval: 1000000000000 är för stort"),
        ("{freq: yearly, interval: 1000, count: 10}", "upprepningen ger bara 8 av 10 tillfällen"),
    ],
)
def test_a_recurrence_is_bounded_whatever_count_or_until_say(rule, words):
    assert words in (event_error(rule=rule) or "")


def test_the_bounds_are_settings():
    wide = {"ARCHIVE_EVENT_MAX_OCCURRENCES": 2000, "ARCHIVE_EVENT_MAX_YEARS": 50}
    assert event_error(wide, rule="{freq: weekly, until: 2040-01-01}") is None
    assert "fler än 2 tillfällen" in event_error({"ARCHIVE_EVENT_MAX_OCCURRENCES": 2})
    assert event_error(rule="{freq: yearly, count: 11}") is None  # 2029-02-08: ten years to the day


@pytest.mark.parametrize("start", ["0001-01-01 10:00", "9999-12-30 10:00", "1899-12-31 10:00", "2201-01-01 10:00"])
def test_a_date_far_outside_the_archives_years_is_refused(start):
    assert "ligger utanför arkivets år (1900–2200)" in event_error(start=start, rule="{freq: weekly, count: 1}")


def test_the_years_are_a_setting():
    assert event_error({"ARCHIVE_MIN_YEAR": 1, "ARCHIVE_MAX_YEAR": 9999}, start="1850-01-01 10:00",
                       rule="{freq: weekly, count: 1}") is None


def test_ordinary_front_matter_skips_the_event_scan_and_an_alias_never_does():
    from archive_model.yaml_loader import needs_scan

    assert not needs_scan("title: Möte\ndate: 2019-02-08\nevent:\n  start: 2019-02-08 10:00\n  end: '11:00'\n")
    assert needs_scan("title: &t Möte\nsummary: *t\n")
    assert needs_scan("topics: " + "[" * 300)
