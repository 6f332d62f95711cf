"""Write a generated archive: our front matter, the stock-Pelican reference, PDFs.

Front matter is written the way editors write it (see content/): dates and
times bare (`2019-02-08 08:15`, `end: 15:30`), short mappings and lists in
flow style, free text in double quotes so a colon in a title is never YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

BARE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")
FLOW_MAPPING_MAX = 5


def scalar(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if BARE.match(text) else json.dumps(text, ensure_ascii=False)


def _is_scalar(value):
    return not isinstance(value, (dict, list))


def _flow(value):
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(scalar(v) for v in value) + "]"


def _flat(value):
    items = value.values() if isinstance(value, dict) else value
    return all(_is_scalar(v) for v in items) and (
        not isinstance(value, dict) or len(value) <= FLOW_MAPPING_MAX
    )


def yaml_lines(mapping, indent=0):
    pad = " " * indent
    lines = []
    for key, value in mapping.items():
        if _is_scalar(value):
            lines.append(f"{pad}{key}: {scalar(value)}")
        elif _flat(value):
            lines.append(f"{pad}{key}: {_flow(value)}")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(yaml_lines(value, indent + 2))
        else:
            lines.append(f"{pad}{key}:")
            for item in value:
                if _is_scalar(item) or _flat(item):
                    lines.append(f"{pad}  - {scalar(item) if _is_scalar(item) else _flow(item)}")
                else:
                    nested = yaml_lines(item, indent + 4)
                    nested[0] = f"{pad}  - {nested[0].lstrip()}"
                    lines.extend(nested)
    return lines


def page_text(page):
    return "---\n" + "\n".join(yaml_lines(page.front)) + "\n---\n" + page.body + "\n"


def write_archive(archive, content):
    """Our content folder: one Markdown file per page, attachments under bilagor/."""
    content = Path(content)
    for page in archive.pages:
        target = content / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(page), encoding="utf-8")
    for path, data in archive.attachments.items():
        target = content / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def reference_text(page, registry):
    """The same body with Pelican's own metadata lines instead of our front matter."""
    front = page.front
    lines = [f"Title: {front['title']}"]
    if page.kind == "article":
        lines.append(f"Date: {scalar(front['date'])}")
        lines.append(f"Category: {registry['types'][front['type']]['label']}")
        lines.append(f"Tags: {', '.join(front['topics'])}")
        lines.append(f"Summary: {front['summary']}")
        if "author" in front:
            lines.append(f"Author: {front['author']}")
        if front.get("status") == "draft":
            lines.append("Status: draft")
    return "\n".join(lines) + "\n\n" + page.body + "\n"


def write_reference(archive, folder, registry):
    """A stock Pelican project: content/ with pages under pages/, and its settings."""
    folder = Path(folder)
    for page in archive.pages:
        relative = f"pages/{page.slug}.md" if page.kind == "page" else page.path
        target = folder / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(reference_text(page, registry), encoding="utf-8")
    (folder / "pelicanconf.py").write_text(REFERENCE_SETTINGS, encoding="utf-8")


# Stock Pelican: default theme, no plugins, default Markdown; only what any
# site sets (name, language, time zone) and the same slug rule as ours so that
# {filename} links and URLs are comparable.
REFERENCE_SETTINGS = """\
SITENAME = "Referens"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/Stockholm"
DEFAULT_LANG = "sv"
SLUGIFY_SOURCE = "basename"
PLUGINS = []
"""


def small_pdf(title, lines):
    """A valid one-page PDF (about 1 kB) with the title and some lines of text."""

    def literal(text):
        text = text.encode("latin-1", "replace").decode("latin-1")
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"

    rows = [f"BT /F1 14 Tf 56 780 Td {literal(title)} Tj ET"]
    rows += [
        f"BT /F1 10 Tf 56 {750 - 16 * i} Td {literal(line[:90])} Tj ET"
        for i, line in enumerate(lines)
    ]
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R >> >> >>"
        ),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
