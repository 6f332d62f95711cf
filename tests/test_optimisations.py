"""Issue #10: the optimisations change how fast the output is made, never what
it is. Each test compares an optimised build's output with the plain one's,
or with what the library itself writes."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import shutil
import zoneinfo

import babel.dates
import icalendar
import pytest
import yaml
from archive_model.dates import LOCALE, format_day, sv_date, sv_month
from archive_model.errors import ContentError
from archive_model.reader import convert_body, read_front
from archive_model.yaml_loader import ArchiveLoader, PureArchiveLoader, load_with_lines
from archive_speed.prefetch import Prefetch
from archive_speed.writer import ChangedOnlyFile
from bad_content.test_bad_content import CASES as BAD_CASES
from bad_content.test_bad_content import install as install_bad_case
from markdown import Markdown
from pelican.settings import read_settings
from pelican.utils import SafeDatetime
from sitebuild import FIXTURES, ROOT, pelican_build, snapshot

ERROR_LINE = re.compile(r"^  (content/\S.*)$", re.M)
# Pelican's log shows the clock when the second changes; nothing else may differ.
CLOCK = re.compile(r"\[\d\d:\d\d:\d\d\]")


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


# --- The speed plugin is optional: the same site without it ---------------

# Every speed path taken even on the small real site: workers read and render.
EVERY_SPEED_PATH = (
    "-e", "SPEED_PARALLEL_READ_MIN_FILES=1", "SPEED_PARALLEL_WRITE_MIN_FILES=1",
)


def without_speed_plugin(settings_file):
    """Pelican's -e value for the settings file's PLUGINS less archive_speed."""
    plugins = read_settings(str(ROOT / settings_file))["PLUGINS"]
    assert "archive_speed" in plugins
    kept = [name for name in plugins if name != "archive_speed"]
    return ("-e", f"PLUGINS={json.dumps(kept)}")


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_the_site_is_the_same_bytes_without_the_speed_plugin(tmp_path, settings_file):
    builds = {}
    for name, extra in {
        "fast": EVERY_SPEED_PATH,
        "plain": without_speed_plugin(settings_file),
    }.items():
        result = pelican_build(tmp_path / name, settings=settings_file, extra=extra)
        assert result.returncode == 0, result.stdout + result.stderr
        builds[name] = snapshot(tmp_path / name)
    assert any(path.endswith(".ics") for path in builds["plain"])
    assert builds["plain"] == builds["fast"]


def test_content_errors_are_the_same_without_the_speed_plugin(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "nyheter" / "trasig.md").write_text(
        "---\ntitle: Trasig\ndate: 2019-02-30\ntype: nyhet\n---\nText.\n", encoding="utf-8"
    )
    outcomes = []
    for name, extra in {"fast": EVERY_SPEED_PATH, "plain": without_speed_plugin("pelicanconf.py")}.items():
        result = pelican_build(tmp_path / name, content=content, extra=extra)
        outcomes.append((result.returncode, result.stderr.strip().splitlines()[-2:]))
        assert not (tmp_path / name).exists() or not snapshot(tmp_path / name)
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == 1 and "trasig.md:3" in outcomes[0][1][-1]


# --- Reading on every core ---------------------------------------------------

SERIAL = ("-e", "SPEED_PARALLEL_READ=false")
# Even the small sites go through the worker processes.
PARALLEL = ("-e", "SPEED_PARALLEL_READ=true", "SPEED_PARALLEL_READ_MIN_FILES=1")


def skip_on_one_cpu():
    """archive_speed.prefetch.worker_count: one CPU, no workers, and the
    "parallel" build is a second serial one that cannot differ."""
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: nothing is read in parallel to compare")


def test_the_real_site_read_on_every_core_is_byte_identical_to_a_serial_read(tmp_path):
    skip_on_one_cpu()
    builds = {}
    for name, extra in {"serial": SERIAL, "parallel": PARALLEL}.items():
        result = pelican_build(tmp_path / name, extra=extra)
        assert result.returncode == 0, result.stdout + result.stderr
        builds[name] = snapshot(tmp_path / name)
    assert len(builds["serial"]) > 100
    assert builds["parallel"] == builds["serial"]


def test_content_errors_read_on_every_core_are_reported_as_in_a_serial_read(tmp_path, monkeypatch):
    """The whole bad-input corpus in one site: the same log, line for line
    (Pelican's "Could not process", our warnings, the error report with
    file, line, field and message)."""
    skip_on_one_cpu()
    # Pelican reads in the order of a set of paths: fixed hashing, same order.
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "minimal", project)
    for case in BAD_CASES:
        install_bad_case(case, project)
    reports = {}
    for name, extra in {"serial": SERIAL, "parallel": PARALLEL}.items():
        result = pelican_build(tmp_path / name, content=project / "content", extra=extra, cwd=project)
        assert result.returncode != 0
        reports[name] = CLOCK.sub(" " * 10, result.stdout + result.stderr)
    errors = ERROR_LINE.findall(reports["serial"])
    expected = [case["error"] for case in BAD_CASES if case["case"] in ("invalid_yaml", "raw_script")]
    assert len(expected) == 2 and set(expected) <= set(errors)
    assert "inline_style_stripped.md" in reports["serial"]  # a warning from the body's policy
    assert reports["parallel"].splitlines() == reports["serial"].splitlines()


def test_a_worker_reads_a_file_into_the_parts_a_serial_read_gives(tmp_path):
    settings = read_settings(str(ROOT / "pelicanconf.py"))  # the site's Markdown
    paths = sorted(str(p) for p in (ROOT / "content").rglob("*.md"))
    markdown = Markdown(**settings["MARKDOWN"])
    serial = [read_front(p, 1_000_000) for p in paths]
    prefetch = Prefetch(paths, settings, workers=2)
    for path, expected in zip(paths, serial, strict=True):
        parts = prefetch.take(path)
        assert parts.converted and parts.body_error is None
        assert (parts.raw, parts.lines) == (expected.raw, expected.lines)
        assert parts.html == convert_body(expected, markdown)
    prefetch.close()


def test_content_errors_survive_the_trip_from_a_worker():
    error = ContentError("content/a.md", "saknas", line=3, field="title", hint="lägg till")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.field, copy.message, copy.hint, str(copy)) == \
        (error.path, error.line, error.field, error.message, error.hint, str(error))


# --- Writing only what changed -----------------------------------------------

LONG_AGO = 946_684_800  # 2000-01-01: any file the build writes is newer


def test_a_build_over_its_own_output_rewrites_no_page_or_calendar_and_equals_a_fresh_build(site, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(site.root, output)
    for path in output.rglob("*"):
        os.utime(path, (LONG_AGO, LONG_AGO))
    result = pelican_build(output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(output) == snapshot(site.root)
    pages = [p for p in output.rglob("*") if p.suffix in (".html", ".xml", ".ics") and "pagefind" not in p.parts]
    assert len(pages) > 50 and any(p.suffix == ".ics" for p in pages)
    rewritten = [p for p in pages if p.stat().st_mtime != LONG_AGO and p.name != "sitemap.xml"]
    assert rewritten == []


@pytest.mark.parametrize(("before", "after", "writes"), [
    (None, "ny sida", True),
    ("samma text", "samma text", False),
    ("gammal text", "ny text", True),
    ("åäö", "åäö", False),
])
def test_a_file_is_written_only_when_its_bytes_change(tmp_path, before, after, writes):
    path = tmp_path / "index.html"
    if before is not None:
        path.write_text(before, encoding="utf-8")
        os.utime(path, (LONG_AGO, LONG_AGO))
    with ChangedOnlyFile(str(path), "utf-8") as handle:
        handle.write(after)
    assert path.read_text(encoding="utf-8") == after
    assert (path.stat().st_mtime != LONG_AGO) == writes


# --- The preview's content cache ---------------------------------------------

PREVIEW_CACHE = ("CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", 'CONTENT_CACHING_LAYER="reader"',
                 'CHECK_MODIFIED_METHOD="mtime"')


def test_a_rebuild_from_the_content_cache_after_an_edit_equals_a_fresh_build(tmp_path):
    """`invoke serve` keeps parsed pages in Pelican's content cache: after a
    save only that file is read again (the others not even by the workers),
    and the site is the one a build from scratch makes of the edited content."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    cached = ("-e", *PREVIEW_CACHE, f'CACHE_PATH="{tmp_path / "cache"}"', "SPEED_PARALLEL_READ_MIN_FILES=1")
    first = pelican_build(tmp_path / "preview", content=project / "content", extra=cached)
    assert first.returncode == 0, first.stdout + first.stderr
    edited = next((project / "content" / "nyheter").glob("*.md"))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEtt tillägg i förhandsvisningen.\n", encoding="utf-8")
    again = pelican_build(tmp_path / "preview", content=project / "content", extra=cached)
    assert again.returncode == 0, again.stdout + again.stderr
    fresh = pelican_build(tmp_path / "fresh", content=project / "content", extra=SERIAL)
    assert fresh.returncode == 0, fresh.stdout + fresh.stderr
    assert snapshot(tmp_path / "preview") == snapshot(tmp_path / "fresh")
    assert any(b"Ett till\xc3\xa4gg i f\xc3\xb6rhandsvisningen" in data for data in snapshot(tmp_path / "fresh").values())
