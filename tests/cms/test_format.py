"""Files exactly as an editor writes them: our Decap format (format.mjs)
gives back every page of the archive byte for byte when nothing changed,
and a changed field changes that field's lines alone, comments kept."""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from nodejs import ROOT, roundtrip


def content_pages():
    pages = sorted(str(p) for p in (ROOT / "content").rglob("*.md"))
    assert pages, "no Markdown under content/"
    return pages


def test_every_page_saved_without_changes_is_the_same_file():
    results = roundtrip(content_pages())
    changed = [f for f, row in results.items() if row["unchanged"] != Path(f).read_text(encoding="utf-8")]
    assert not changed, "\n".join(changed)


def changed_lines(before, after):
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_a_changed_title_changes_the_title_line_alone():
    results = roundtrip(content_pages(), edits={"title": "Ny rubrik: med kolon"})
    for file, row in results.items():
        before = Path(file).read_text(encoding="utf-8")
        title_lines = [line for line in before.splitlines() if line.startswith("title:")]
        assert changed_lines(before, row["edited"]) == [
            *(f"-{line}" for line in title_lines),
            '+title: "Ny rubrik: med kolon"',
        ], file


def test_an_added_field_goes_after_the_field_before_it_in_the_form(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\n# om datumet\ndate: 2019-02-01\ntype: nyhet\n---\nText\n", encoding="utf-8")
    orders = {"": ["title", "date", "type", "status", "administrations", "topics"]}
    edited = roundtrip([page], edits={"administrations": ["sof", "amf"]}, orders=orders)[str(page)]["edited"]
    assert edited == "---\ntitle: A\n# om datumet\ndate: 2019-02-01\ntype: nyhet\nadministrations: [sof, amf]\n---\nText\n"


def test_a_removed_or_emptied_field_leaves_the_file(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\nauthor: B\nsummary: C\n---\n", encoding="utf-8")
    edited = roundtrip([page], edits={"author": "", "summary": None})[str(page)]["edited"]
    assert edited == "---\ntitle: A\n---\n"


def test_values_our_reader_would_misread_are_quoted(tmp_path):
    """PyYAML (YAML 1.1, our reader) reads yes/no/on/off as booleans and
    digits as numbers: written from the form they stay text."""
    page = tmp_path / "a.md"
    page.write_text("---\ntitle: A\n---\n", encoding="utf-8")
    edits = {"title": "yes", "author": "2019", "theme": "Plan: #1", "summary": "rad ett\nrad två",
             "event": {"start": "2019-02-08 13:30", "end": "15:30", "location": "Fontänhuset"}}
    edited = roundtrip([page], edits=edits)[str(page)]["edited"]
    front = yaml.safe_load(edited.split("---\n")[1])
    assert front == {"title": "yes", "author": "2019", "theme": "Plan: #1", "summary": "rad ett\nrad två",
                     "event": {"start": front["event"]["start"], "end": front["event"]["end"], "location": "Fontänhuset"}}
    assert "  start: 2019-02-08 13:30\n  end: 15:30\n" in edited


def test_a_new_page_is_written_in_the_forms_order(tmp_path):
    from nodejs import run_script  # noqa: F401 — node present, asserted by roundtrip

    orders = {"": ["title", "date", "type", "administrations", "topics", "event", "agenda"],
              "event": ["start", "end", "location", "registration"],
              "event.registration": ["email", "deadline"]}
    page = tmp_path / "ny.md"
    page.write_text("Text\n", encoding="utf-8")  # no front matter: a new page
    edits = {"agenda": ["Välkommen", "Fika"], "type": "inbjudan", "title": "Träff",
             "event": {"registration": {"deadline": "2019-01-25", "email": "a@helsingborg.se"},
                       "location": "Fontänhuset", "start": "2019-02-08 13:30"},
             "date": "2019-01-14", "administrations": ["sof", "amf"], "topics": [], "body": "Text\n"}
    edited = roundtrip([page], edits=edits, orders=orders)[str(page)]["edited"]
    assert edited == (
        "---\ntitle: Träff\ndate: 2019-01-14\ntype: inbjudan\nadministrations: [sof, amf]\n"
        "event:\n  start: 2019-02-08 13:30\n  location: Fontänhuset\n"
        "  registration: {email: a@helsingborg.se, deadline: 2019-01-25}\n"
        "agenda: [Välkommen, Fika]\n---\nText\n"
    )
