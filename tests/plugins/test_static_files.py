"""Static files by allow-list (archive_model/static_files.py): the
extension must be on ARCHIVE_STATIC_TYPES and the bytes must be of that
kind; active types are refused whatever they hold."""

from __future__ import annotations

import io
import zipfile

import pytest
from archive_model.settings import DEFAULTS, SettingsError, model_settings
from archive_model.static_files import file_problem

ALLOWED = DEFAULTS["ARCHIVE_STATIC_TYPES"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def zipped(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
ODT = {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office:document-content/>"}

PUBLISHED = {
    "rapport.pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "RAPPORT.PDF": b"%PDF-1.4\n",
    "bild.png": PNG,
    "foto.jpg": b"\xff\xd8\xff\xe0\0\x10JFIF",
    "foto.jpeg": b"\xff\xd8\xff\xe1\0\x10Exif",
    "rorlig.gif": b"GIF89a\x01\0\x01\0",
    "bild.webp": b"RIFF\x24\0\0\0WEBPVP8 ",
    "protokoll.docx": zipped(DOCX),
    "budget.xlsx": zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"}),
    "protokoll.odt": zipped(ODT),
    "deltagare.csv": "namn;antal\nAnhörigcafé;12\n".encode(),
    "las-mig.txt": "Öppettider: måndag–fredag.\n".encode(),
}


@pytest.mark.parametrize("name", PUBLISHED)
def test_a_file_whose_bytes_are_its_type_is_published(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PUBLISHED[name])
    assert file_problem(str(path), ALLOWED) is None


REFUSED = {
    "a page as HTML": ("sida.html", b"<p>Hej</p>", "HTML-filer publiceras inte"),
    "HTML in capitals": ("SIDA.HTM", b"<p>Hej</p>", "HTML-filer publiceras inte"),
    "a clean SVG too": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "SVG-bilder publiceras inte"),
    "a script": ("app.js", b"alert(1)", "JavaScript-filer publiceras inte"),
    "a .pdf that is HTML": ("rapport.pdf", b"<!DOCTYPE html><script>", "är inte en PDF (den ser ut att vara HTML)"),
    "a .png that is SVG": ("bild.png", b"<svg onload=alert(1)>", "är inte en PNG-bild (den ser ut att vara SVG eller XML)"),
    "a .jpg that is a PNG": ("bild.jpg", PNG, "är inte en JPEG-bild (den ser ut att vara en PNG-bild)"),
    "a .docx with macros": ("makro.docx", zipped({**DOCX, "word/vbaProject.bin": "x"}), "är inte ett Office-dokument"),
    "a .docx that is no zip": ("trasig.docx", b"PK\x03\x04trasig", "är inte ett Office-dokument"),
    "an .odt of no kind": ("fel.odt", zipped({"content.xml": "<x/>"}), "är inte ett OpenDocument-dokument"),
    "a .txt that is markup": ("las.txt", b"  <html><script>alert(1)</script>", "är inte en textfil"),
    "a .csv that is binary": ("data.csv", b"a;b\n\x00\x01", "är inte en textfil"),
    "a .csv not in UTF-8": ("data.csv", "å;ä\n".encode("cp1252"), "är inte en textfil"),
    "a program": ("program.exe", b"MZ", "filtypen .exe publiceras inte"),
    "no extension": ("LASMIG", b"text", "en fil utan filändelse publiceras inte"),
    "Finder's leftovers": (".DS_Store", b"\0\0\0\1Bud1", "en dold fil eller en rest"),
    "Office's lock file": ("~$protokoll.docx", b"x", "en dold fil eller en rest"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_an_active_unknown_or_mislabelled_file_is_refused(tmp_path, case):
    name, data, expected = REFUSED[case]
    path = tmp_path / name
    path.write_bytes(data)
    message, hint = file_problem(str(path), ALLOWED)
    assert expected in message
    assert hint


def test_a_site_may_narrow_the_list_but_not_name_an_unknown_kind(tmp_path):
    path = tmp_path / "bild.png"
    path.write_bytes(PNG)
    assert "filtypen .png publiceras inte" in file_problem(str(path), {"pdf": "pdf"})[0]
    with pytest.raises(SettingsError, match="okänd sort 'html'"):
        model_settings({"ARCHIVE_STATIC_TYPES": {"html": "html"}})
