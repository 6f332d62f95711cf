"""The personal-data guard reads what readers get (archive_safety/readable.py,
attachments.py): texts are folded before matching (NFKC, digits of any
script, dash- and space-like characters, line breaks), HTML's text and the
attributes readers see or follow are read apart, and attached text and PDF
files are read. The build cases are in tests/bad_content/ (pnr_*).

The ten-digit number is Skatteverket's test personnummer 121212-1212; phone
numbers are from PTS' series reserved for fiction; e-mail uses example.org.
"""

from __future__ import annotations

import datetime as dt
import sys
import zlib

import pytest
from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "plugins"))
from archive_safety.attachments import scan_attachment
from archive_safety.contacts import CityContacts
from archive_safety.readable import fold, html_texts, values_in
from archive_safety.scan import scan_page
from archive_safety.written import numbers_in_written_files

TODAY = dt.date(2026, 11, 24)
CITY = CityContacts(("helsingborg.se",), frozenset())
PAGE = "---\ntitle: Sida\ndate: 2019-02-08\ntype: nyhet\n---\n\n{}\n"

FOLDED = [
    ("fullwidth", "１２１２１２-１２１２", "121212-1212"),
    ("arabic_indic", "١٢١٢١٢-١٢١٢", "121212-1212"),
    ("devanagari", "१२१२१२-१२१२", "121212-1212"),
    ("no_break_space", "121212\u00a01212", "121212 1212"),
    ("narrow_no_break_space", "121212\u202f1212", "121212 1212"),
    ("figure_dash", "121212\u20121212", "121212-1212"),
    ("minus_sign", "121212\u22121212", "121212-1212"),
    ("soft_hyphen_removed", "1212\u00ad12-1212", "121212-1212"),
    ("zero_width_space_removed", "121212-\u200b1212", "121212-1212"),
    ("line_break_removed", "121212-\n  1212", "121212-1212"),
    ("plain_ascii_unchanged", "Möte 8 feb", "Möte 8 feb"),
]


@pytest.mark.parametrize("case,text,folded", FOLDED, ids=[c[0] for c in FOLDED])
def test_fold_makes_what_a_reader_sees_into_one_spelling(case, text, folded):
    assert fold(text) == folded


def test_line_breaks_become_a_space_where_spaces_matter():
    assert fold("070-174\n06 05", join=" ") == "070-174 06 05"


def test_html_text_is_read_without_tags_and_its_attributes_apart():
    text, attributes = html_texts(
        '<p>1212<em>12</em>&#8209;1212 <img alt="Bild &#49;" src="x.png">'
        '<a href="https://example.org/?id=1%2D2">länk</a></p>'
    )
    assert text == "121212\u20111212 länk"
    assert attributes == ["Bild 1", "x.png", "https://example.org/?id=1-2"]


def test_every_string_of_a_nested_front_matter_value_is_read():
    assert sorted(values_in({"a": ["x", ("y", {"z": 1})]})) == ["a", "x", "y", "z"]


@pytest.mark.parametrize(
    "body,kind",
    [
        ("Skriv till anna&#64;example.org.", "e-postadress"),
        ("Ring 070\u2011174\u00a006\u00a005.", "telefonnummer"),
        ("[Skriv](mailto:anna%40example.org)", "e-postadress"),
    ],
    ids=["email_reference", "phone_look_alikes", "email_in_link_target"],
)
def test_contacts_hidden_the_same_ways_are_named(body, kind):
    html = body.replace("[Skriv](mailto:anna%40example.org)", '<a href="mailto:anna%40example.org">Skriv</a>')
    text, attributes = html_texts(html)
    findings = scan_page("x.md", PAGE.format(body), today=TODAY, city=CITY, rendered=[text, *attributes])
    assert [w.message.split(" '")[0] for w in findings.warnings] == [kind]
    assert findings.warnings[0].line == 7


def test_a_number_only_the_rendered_text_shows_is_placed_on_its_line():
    source = PAGE.format("Första.\n\nSe [profil](https://example.org/?id=121212%2D1212).")
    findings = scan_page("x.md", source, today=TODAY, city=CITY, rendered=["https://example.org/?id=121212-1212"])
    assert [(e.line, e.message) for e in findings.errors] == [(9, "möjligt personnummer '12…-…'")]


def minimal_pdf(text):
    """A one-page PDF showing ``text`` in Helvetica, its page compressed (unlike
    bench.writers.small_pdf) so that only a PDF reader finds the number."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(zlib.compress(stream)) + zlib.compress(stream) + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdfs_text_is_read(tmp_path):
    pdf = tmp_path / "protokoll.pdf"
    pdf.write_bytes(minimal_pdf("Deltagare: Tolvan 121212-1212"))
    findings = scan_attachment("content/bilagor/protokoll.pdf", pdf, today=TODAY, city=CITY, allowed=set())
    assert [e.message for e in findings.errors] == ["möjligt personnummer '12…-…'"]
    allowed = scan_attachment("content/bilagor/protokoll.pdf", pdf, today=TODAY, city=CITY, allowed={"1212121212"})
    assert allowed.errors == []


def test_an_unreadable_pdf_is_a_warning_not_a_silent_pass(tmp_path):
    pdf = tmp_path / "trasig.pdf"
    pdf.write_bytes(b"%PDF-1.4\nnot really\n")
    findings = scan_attachment("content/bilagor/trasig.pdf", pdf, today=TODAY, city=CITY, allowed=set())
    assert findings.errors == []
    assert "gick inte att läsa" in findings.warnings[0].message


def test_a_csv_saved_in_windows_encoding_is_read(tmp_path):
    csv = tmp_path / "lista.csv"
    csv.write_bytes("Namn;Nummer\nÅsa;121212-1212\n".encode("cp1252"))
    findings = scan_attachment("content/bilagor/lista.csv", csv, today=TODAY, city=CITY, allowed=set())
    assert [(e.line, e.message) for e in findings.errors] == [(2, "möjligt personnummer '12…-…'")]


def test_a_number_only_a_template_or_the_registry_prints_stops_the_build(small_site, tmp_path):
    """The last net (written.py): every written text file is read; here the
    registry's description of an administration, printed on its page."""
    registry = tmp_path / "registry.yaml"
    text = (ROOT / "data" / "registry.yaml").read_text(encoding="utf-8")
    registry.write_text(text.replace("description: >-\n", "description: >-\n      Kontakt 121212-1212.\n", 1), encoding="utf-8")
    result = small_site.build("-e", f'ARCHIVE_REGISTRY="{registry}"')
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "möjligt personnummer '12…-…' i det som skulle publiceras" in result.stderr
    assert "121212-1212" not in result.stderr
    assert not small_site.output.exists()


def test_the_last_net_reads_a_written_number_but_not_a_hash(tmp_path):
    """Pagefind names its index ``sv_`` and ten hex digits; when those are
    all digits and personnummer-shaped the written site holds no number."""
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind-entry.json").write_text('{"languages":{"sv":{"hash":"sv_1212121212"}}}')
    (tmp_path / "app.css").write_text("/* not read */ 121212-1212")
    assert numbers_in_written_files(tmp_path, TODAY, allowed=set()) == []

    (tmp_path / "index.html").write_text("<p>Kontakt: 121212-1212</p>")
    (tmp_path / "a.json").write_text('{"x": "ab 1212121212"}')
    named = [error.path for error in numbers_in_written_files(tmp_path, TODAY, allowed=set())]
    assert named == ["(den byggda filen a.json)", "(den byggda filen index.html)"]
