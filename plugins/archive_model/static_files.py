"""Static files by allow-list: what content/bilagor/ and content/bilder/
may publish.

Pelican copies every file of STATIC_PATHS to the site as it is. An HTML
file, a script or an SVG with <script> would then run on the archive's own
address (a <meta> Content-Security-Policy protects only our pages), and a
file named .pdf that holds HTML is served as HTML by a host that guesses
types from the bytes. So each file's extension must be on the allow-list
(ARCHIVE_STATIC_TYPES) and its first bytes must be what that type begins
with; anything else stops the build with an error saying what to do.

SVG is refused, not sanitized: an allow-list sanitizer for SVG (elements,
attributes, CSS url(), xlink) is a second HTML sanitizer to keep safe, and
a PNG does what an editor's picture needs. The theme's own SVG is trusted.
"""

from __future__ import annotations

import os
import zipfile

from .errors import ContentError
from .reader import display_path

# What a file of each kind begins with, or how it is recognised.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
# How an editor reads each kind's name in an error.
KIND_NAMES = {
    "pdf": "en PDF", "png": "en PNG-bild", "jpeg": "en JPEG-bild", "gif": "en GIF-bild",
    "webp": "en WebP-bild", "office": "ett Office-dokument", "opendocument": "ett OpenDocument-dokument",
    "text": "en textfil (UTF-8)",
}
# Types that would run in the reader's browser, with what to do instead.
ACTIVE = {
    "html": "HTML-filer", "htm": "HTML-filer", "xhtml": "HTML-filer", "shtml": "HTML-filer",
    "svg": "SVG-bilder", "svgz": "SVG-bilder", "js": "JavaScript-filer", "mjs": "JavaScript-filer",
    "xml": "XML-filer", "xsl": "XML-filer", "swf": "Flash-filer",
}
ACTIVE_HINTS = {
    "SVG-bilder": "spara bilden som PNG (t.ex. Exportera som PNG i ritprogrammet)",
}
ACTIVE_HINT = "skriv innehållet som en sida (.md) i mappen för sidans typ, eller spara det som PDF"
# Left by editors' tools (Finder, Explorer, Office's lock files): Pelican
# would publish them, and a .DS_Store lists a folder's file names.
JUNK_NAMES = {"thumbs.db", "desktop.ini"}
# Enough of a file to know its kind (an Office file is read as a zip).
HEAD_BYTES = 4096
# Office files that may carry macros are not on the list; these parts
# mean a macro even in a file named .docx.
MACRO_PARTS = ("vbaProject.bin", "vbaData.xml")


def static_file_errors(staticfiles, allowed):
    """An error for each static file whose type is not on ``allowed``
    (extension → kind) or whose bytes are not of that kind."""
    errors = []
    for static in sorted(staticfiles, key=lambda s: s.source_path):
        if not os.path.isfile(static.source_path):
            continue  # a link to a missing file: the link's own error says so
        problem = file_problem(static.source_path, allowed)
        if problem:
            message, hint = problem
            errors.append(ContentError(display_path(static.source_path), message, hint=hint))
    return errors


def file_problem(path, allowed):
    """``(message, hint)`` when the file at ``path`` may not be published."""
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    name = os.path.basename(path)
    if name.startswith((".", "~$")) or name.lower() in JUNK_NAMES:
        return ("filen är en dold fil eller en rest från ett program och publiceras inte",
                "ta bort den ur arkivet")
    if extension in ACTIVE:
        what = ACTIVE[extension]
        return (f"{what} publiceras inte: de kan köra skript på arkivets adress",
                ACTIVE_HINTS.get(what, ACTIVE_HINT))
    kind = allowed.get(extension)
    if kind is None:
        shown = f"filtypen .{extension}" if extension else "en fil utan filändelse"
        return (f"{shown} publiceras inte",
                f"arkivet publicerar bara {allowed_list(allowed)}: spara filen som en av dem")
    try:
        matches = is_kind(path, kind)
    except OSError:
        return ("filen kunde inte läsas", "kontrollera att filen finns kvar och går att öppna, och bygg igen")
    if not matches:
        seems = guess(path)
        seen = f" (den ser ut att vara {seems})" if seems else ""
        return (f"filen heter .{extension} men är inte {KIND_NAMES[kind]}{seen}",
                f"spara om filen som {KIND_NAMES[kind]} eller ge den den filändelse som hör till innehållet")
    return None


def allowed_list(allowed):
    return ", ".join(sorted(f".{e}" for e in allowed))


def is_kind(path, kind):
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if kind in SIGNATURES:
        return head.startswith(SIGNATURES[kind])
    if kind == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    if kind == "office":
        return _zip_parts(path, lambda names, _zip: "[Content_Types].xml" in names)
    if kind == "opendocument":
        return _zip_parts(path, _opendocument)
    return kind == "text" and _plain_text(path)


def _zip_parts(path, test):
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if any(name.rsplit("/", 1)[-1] in MACRO_PARTS for name in names):
                return False
            return test(set(names), archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _opendocument(names, archive):
    if "mimetype" not in names:
        return False
    return archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.")


def _plain_text(path):
    """UTF-8 without control characters, and not markup a browser could
    take for HTML (text that starts with "<")."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    if any(ord(c) < 32 and c not in "\t\n\r\f" for c in text):
        return False
    return not text.lstrip().startswith("<")


def guess(path):
    """What the file's bytes say it is, for the error ("HTML", "en PDF")."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body", b"<meta", b"<iframe")):
        return "HTML"
    if start.startswith((b"<svg", b"<?xml")):
        return "SVG eller XML"
    for kind in ("pdf", "png", "jpeg", "gif", "webp"):
        if is_kind(path, kind):
            return KIND_NAMES[kind]
    if head.startswith(b"PK\x03\x04"):
        return "ett zip-arkiv"
    return None
