"""The personal-data guard over attached files: what a reader reads in them.

A text file (CSV, TXT) is read as a page's source is, line by line and
across line breaks, folded; a PDF's text as pypdf extracts it, page by page.
Other files (images, office documents) are not read: their names are.
"""

from __future__ import annotations

import logging
import os

from archive_model.errors import ContentError

from .scan import PageFindings, findings_in

logger = logging.getLogger(__name__)

TEXT_EXTENSIONS = frozenset({".txt", ".csv", ".tsv"})
PDF_EXTENSIONS = frozenset({".pdf"})


def attachment_text(path):
    """``(source text, other texts)`` a reader gets of the file at ``path``;
    ``("", [])`` for a kind the guard does not read."""
    extension = os.path.splitext(path)[1].lower()
    if extension in TEXT_EXTENSIONS:
        with open(path, "rb") as handle:
            data = handle.read()
        return _decoded(data).replace("\r\n", "\n").replace("\r", "\n"), []
    if extension in PDF_EXTENSIONS:
        return "", pdf_pages(path)
    return "", []


def _decoded(data):
    # Spreadsheets saved on Windows write CSV in cp1252, not UTF-8.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def pdf_pages(path):
    """Each page's text; pypdf's own warnings about odd files are quiet."""
    from pypdf import PdfReader  # noqa: PLC0415 — only builds with PDFs pay for the import

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = PdfReader(path)
    if reader.is_encrypted:
        raise ValueError("filen är krypterad")
    return [page.extract_text() or "" for page in reader.pages]


def scan_attachment(shown, path, *, today, city, allowed):
    """Findings in one attached file (``allowed``: the attaching pages'
    exceptions). A PDF whose text cannot be read is a warning: the guard
    cannot vouch for it."""
    try:
        text, others = attachment_text(path)
    except Exception as error:  # noqa: BLE001 — pypdf raises many kinds for a broken file
        warning = ContentError(
            shown,
            f"filens text gick inte att läsa, så den är inte kontrollerad för personuppgifter ({error})",
            hint="kontrollera filen själv, eller spara den på nytt som PDF",
        )
        return PageFindings([], [warning])
    if not text and not others:
        return PageFindings([], [])
    errors, warnings, _used = findings_in(shown, text, today=today, city=city, allowed=allowed, rendered=others)
    return PageFindings(errors, warnings)
