"""The content model: front matter is validated as it is read, every error
names the file, the line and the fix, and a failed build writes nothing."""

from __future__ import annotations

import pickle
import sys

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))

from archive_model.errors import BuildErrors, ContentError, ContentErrorGroup, ContentErrors
from archive_model.model import Fields, build_metadata
from archive_model.registry import load_registry
from archive_model.yaml_loader import load_with_lines

from lararkiv.preview import describe

REGISTRY = load_registry(ROOT / "data" / "registry.yaml")

VALID = "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\n---\n\nText.\n"

BROKEN = [
    # (case, file text, expected line, words the message must contain)
    ("invalid_yaml", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: [nyhet\n---\nText.\n", 4, ["ogiltig YAML"]),
    ("missing_title", "---\ndate: 2019-02-08\ntype: nyhet\n---\nText.\n", 1, ["'title'", "saknas"]),
    ("missing_date", "---\ntitle: Rubrik\ntype: nyhet\n---\nText.\n", 1, ["'date'", "saknas"]),
    ("impossible_date", "---\ntitle: Rubrik\ndate: 2019-02-30\ntype: nyhet\n---\nText.\n", 3, ["2019-02-30", "finns inte"]),
    ("not_a_date", "---\ntitle: Rubrik\ndate: i morgon\ntype: nyhet\n---\nText.\n", 3, ["ÅÅÅÅ-MM-DD"]),
    ("unknown_type", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyheter\n---\nText.\n", 4, ["okänd typ 'nyheter'", "menade du 'nyhet'"]),
    ("unknown_administration", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\nadministrations: [socialförvaltning]\n---\nText.\n", 5, ["okänd förvaltning 'socialförvaltning'", "menade du 'sof' (Socialförvaltningen)"]),
    ("unknown_topic", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\ntopics:\n  - samverkan\n  - ensamheten\n---\nText.\n", 7, ["okänt ämne 'ensamheten'", "menade du"]),
    ("unknown_field", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\nadminstrations: [sof]\n---\nText.\n", 5, ["okänt fält 'adminstrations'", "menade du 'administrations'"]),
    ("unknown_series", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: nyhet\nseries: gemensam-utveckling\n---\nText.\n", 5, ["okänd serie", "gemensam-utvecklingsgrupp"]),
    ("no_front_matter", "Bara text utan front matter.\n", 1, ["front matter saknas"]),
    ("unclosed_front_matter", "---\ntitle: Rubrik\ndate: 2019-02-08\n", 1, ["avslutas aldrig"]),
    ("empty_file", "", 1, ["filen är tom"]),
    ("front_matter_not_mapping", "---\n- title\n- date\n---\nText.\n", 2, ["nyckel: värde"]),
    ("progress_out_of_range", "---\ntitle: Rubrik\ndate: 2019-02-08\ntype: projekt\nprogress: 250\n---\nText.\n", 5, ["procentsats", "0–100"]),
]


@pytest.mark.parametrize("case,text,line,words", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_front_matter_stops_the_build_naming_file_line_and_fix(small_site, case, text, line, words):
    small_site.write(f"nyheter/{case}.md", text)
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"nyheter/{case}.md:{line}:" in output, output
    for word in words:
        assert word in output, output
    assert not small_site.output.exists(), "a failed build must write nothing"


def test_file_that_is_not_utf8_is_refused_with_the_line(small_site):
    small_site.write("nyheter/latin1.md", VALID.replace("Text.", "rad ett\nrad två med å"), encoding="latin-1")
    result = small_site.build()
    assert result.returncode != 0
    assert "nyheter/latin1.md:8: filen är inte sparad som UTF-8" in result.stdout + result.stderr


def test_all_errors_are_reported_at_once(small_site):
    small_site.write("nyheter/a.md", "---\ntitle: A\ndate: 2019-02-08\ntype: okand\n---\n")
    small_site.write("nyheter/b.md", "---\ntitle: B\ndate: 2019-13-01\ntype: nyhet\n---\n")
    result = small_site.build()
    output = result.stdout + result.stderr
    assert "2 fel i innehållet" in output
    assert "nyheter/a.md:4:" in output and "nyheter/b.md:3:" in output


@pytest.mark.parametrize(
    "variant,data",
    [
        ("bom", ("\ufeff" + VALID).encode("utf-8")),
        ("crlf", VALID.replace("\n", "\r\n").encode("utf-8")),
    ],
)
def test_bom_and_crlf_files_build(small_site, variant, data):
    small_site.write(f"nyheter/{variant}.md", data)
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert (small_site.output / "arkiv/2019/02" / variant / "index.html").exists()


@pytest.mark.parametrize("written", ["sof", "SOF", "Socialförvaltningen", "socialforvaltningen", "SOCIALFÖRVALTNINGEN"])
def test_administration_spellings_resolve_to_the_same_one(small_site, written):
    small_site.write("nyheter/alias.md", VALID.replace("type: nyhet", f"type: nyhet\nadministrations: [{written}]"))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (small_site.output / "arkiv/2019/02/alias/index.html").read_text(encoding="utf-8")
    assert 'title="Socialförvaltningen">SOF</abbr>' in html


def test_file_name_with_spaces_and_swedish_letters_gets_an_ascii_url(small_site):
    small_site.write("nyheter/Möte på Söder i år.md", VALID)
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    assert (small_site.output / "arkiv/2019/02/mote-pa-soder-i-ar/index.html").exists()


def test_title_with_html_is_escaped(small_site):
    small_site.write("nyheter/html-titel.md", VALID.replace("title: Rubrik", "title: <script>alert(1)</script> Rubrik"))
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    html = (small_site.output / "arkiv/2019/02/html-titel/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_failed_build_leaves_earlier_output_untouched(small_site):
    assert small_site.build().returncode == 0
    before = {p: p.read_bytes() for p in small_site.output.rglob("*") if p.is_file()}
    small_site.write("nyheter/trasig.md", "---\ntitle: Trasig\ndate: 2019-02-30\ntype: nyhet\n---\n")
    assert small_site.build().returncode != 0
    after = {p: p.read_bytes() for p in small_site.output.rglob("*") if p.is_file()}
    assert after == before


# --- several mistakes in one file: all reported in one build ----------------

def metadata_of(front, kind="article"):
    raw, lines = load_with_lines(front, 2)
    settings = {"PATH": str(ROOT / "content"), "STATIC_PATHS": ["bilagor", "bilder"]}
    return build_metadata(raw, Fields("content/nyheter/x.md", lines, REGISTRY, settings), kind)


def test_build_metadata_reports_every_failing_field_sorted_by_line():
    front = (
        "date: 2019-02-29\n"
        "status: publicerad\n"
        "administrations: [sof, Vård och omsorg]\n"
        "topics: [anhöriga]\n"
        "sammanfatning: Anhörigcaféet öppnar igen.\n"
    )
    with pytest.raises(ContentErrorGroup) as caught:
        metadata_of(front)
    found = [(e.line, e.field) for e in caught.value.errors]
    # Both missing fields (line 1), then one error per failing field.
    assert found == [
        (1, "title"), (1, "type"), (2, "date"), (3, "status"),
        (4, "administrations.1"), (6, "sammanfatning"),
    ]
    assert str(caught.value).splitlines() == [str(e) for e in caught.value.errors]


def test_one_mistake_is_one_plain_content_error():
    with pytest.raises(ContentError) as caught:
        metadata_of("title: Anhörigcafé\ndate: 2019-02-08\ntype: nyheter\n")
    assert type(caught.value) is ContentError and caught.value.field == "type"


def test_an_empty_required_field_is_reported_once_as_missing():
    with pytest.raises(ContentError) as caught:
        metadata_of("title:\ndate: 2019-02-08\ntype: nyhet\n")
    error = caught.value
    assert type(error) is ContentError
    assert (error.line, error.field, error.message) == (1, "title", "saknas men krävs")


def test_event_defaults_are_not_worked_out_after_a_failed_field():
    # Without its (misspelt) series the planned meeting has no name either;
    # only the series is reported, not that follow-on error.
    front = (
        "title: Gemensam utvecklingsgrupp 21 januari\ndate: 2019-01-21\n"
        "type: motesanteckningar\nseries: gemensam-utveckling\n"
        "planned_meetings: [{date: 2019-02-11}]\n"
    )
    with pytest.raises(ContentError) as caught:
        metadata_of(front)
    assert type(caught.value) is ContentError and caught.value.field == "series"


def test_a_group_is_listed_one_line_per_error_wherever_errors_are_collected():
    group = ContentErrorGroup([
        ContentError("content/a.md", "okänd status 'publicerad'", line=5, field="status"),
        ContentError("content/a.md", "saknas men krävs", line=1, field="type"),
    ])
    copy = pickle.loads(pickle.dumps(group))  # as from a worker process (prefetch.py)
    assert [str(e) for e in copy.errors] == [str(e) for e in group.errors] and copy.line == 1
    stop = ContentErrors([group, ContentError("content/b.md", "filen är tom", line=1)])
    assert stop.code.splitlines()[0] == "3 fel i innehållet, inget skrevs:"
    assert [e.line for e in stop.errors] == [1, 5, 1]

    collected = BuildErrors()
    collected.report(group)  # as a plugin reports into the build
    assert collected.sorted("content") == sorted(group.errors, key=lambda e: e.line)
    assert describe([group]) == [  # the preview's error list
        ("content/a.md:1", "fält 'type': saknas men krävs"),
        ("content/a.md:5", "fält 'status': okänd status 'publicerad'"),
    ]


# --- what an editor writes otherwise: the suggestion is the ISO form -------

OTHER_DATE_FORMS = [
    ("8 februari 2019", "skriv date: 2019-02-08"),
    ("fredag 8 feb. 2019 kl 9", "skriv date: 2019-02-08 09:00"),
    ("den 8:e februari 2019, kl. 13.30", "skriv date: 2019-02-08 13:30"),
    ("08/02/2019", "skriv date: 2019-02-08"),
    ("8.2.2019", "skriv date: 2019-02-08"),
    ("2019-01-30 kl 9", "skriv date: 2019-01-30 09:00"),
    ("31/02/2019", "ÅÅÅÅ-MM-DD, eventuellt med tid"),  # no such day: nothing to suggest
    ("i morgon", "ÅÅÅÅ-MM-DD, eventuellt med tid"),
]


@pytest.mark.parametrize("written,suggested", OTHER_DATE_FORMS, ids=[w for w, _ in OTHER_DATE_FORMS])
def test_a_date_written_otherwise_is_refused_with_the_iso_form(written, suggested):
    with pytest.raises(ContentError) as caught:
        metadata_of(f"title: Anhörigcafé\ndate: {written}\ntype: nyhet\n")
    assert caught.value.field == "date" and suggested in caught.value.message


YAML_MISTAKES = [
    # (front matter, line, words): the line is where the mistake is written
    ("title: Möte: plan\ndate: 2019-02-08\n", 2, "kolon med mellanslag efter står mitt i ett värde"),
    ("title: Möte\n  date: 2019-02-08\n", 3, "indragen men hör inte till fältet ovanför"),
    ("title: 'Möte\ndate: 2019-02-08\ntype: nyhet\n", 2, "citattecken öppnas men stängs aldrig"),
    ("title: \"Om \"boken\" i dag\"\n", 2, "text efter ett avslutande citattecken"),
    ("topics: [samverkan, föreningsliv\ndate: 2019-02-08\n", 2, "inom [ ] stängs inte"),
    ("title: *Viktigt* möte\n", 2, "börjar med * eller &"),
    ("event:\n  start: 2019-02-08\n  start: 2019-02-09\n", 4, "fältet 'start' står två gånger"),
]


@pytest.mark.parametrize("front,line,words", YAML_MISTAKES, ids=[w for _, _, w in YAML_MISTAKES])
def test_yaml_mistakes_are_explained_in_swedish_on_their_line(small_site, front, line, words):
    small_site.write("nyheter/fel.md", f"---\n{front}---\n\nText.\n")
    result = small_site.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"nyheter/fel.md:{line}: ogiltig YAML i front matter: " in output and words in output, output
