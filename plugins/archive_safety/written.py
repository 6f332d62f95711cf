"""The last net: every text file the build wrote, read as a reader gets it.

The page guard (plugin.py) reads each page's source, its HTML and its
front matter before anything is written. Listings, feeds, calendars,
structured data and what templates and plugins add are made from those,
but a template or a plugin could still print a number no page showed. So
at ``finalized`` every written text file (HTML, XML, calendars, JSON, text)
is read, markup removed and folded, and a personnummer stops the build: the
build folder is then thrown away (archive_model/staging.py), so the number
is never published. A number a page lists under personal_data_exceptions
is allowed wherever it is printed.

Digits glued to a hexadecimal letter or an underscore are part of a hash,
not a number a reader is shown: Pagefind's index hash, ``sv_`` and ten hex
digits, is all digits about once in a hundred builds, and now and then
those digits are personnummer-shaped. A page's own text never depends on
this net: the page guard has read it, glued or not, before anything is
written.
"""

from __future__ import annotations

import html
import os
import re

from archive_model.errors import ContentError, ContentErrors

from .identity_numbers import find_identity_numbers
from .readable import fold

WRITTEN_TEXT = (".html", ".xml", ".ics", ".json", ".txt")
TAG = re.compile(r"<[^>]*>")
HASH_CHARACTER = re.compile(r"[0-9A-Fa-f_]")


def written_text_files(output):
    """Relative paths of the written text files, sorted (Pagefind's
    fragments, the pages' text compressed, are none: their pages are)."""
    found = []
    for root, dirs, names in os.walk(output):
        dirs.sort()
        found += [
            os.path.relpath(os.path.join(root, name), output).replace(os.sep, "/")
            for name in names
            if name.endswith(WRITTEN_TEXT)
        ]
    return sorted(found)


def readable_text(data):
    """A written file's text as a reader gets it: tags removed (their
    attribute values kept beside), references decoded."""
    text = data.decode("utf-8", errors="replace")
    attributes = " ".join(re.findall(r"""=\s*["']([^"']*)["']""", text))
    return html.unescape(TAG.sub("", text) + "\n" + attributes)


def numbers_in_written_files(output, today, allowed):
    """A ContentError per written file that shows a personnummer."""
    errors = []
    for relative in written_text_files(output):
        with open(os.path.join(output, relative), "rb") as handle:
            data = handle.read()
        if not re.search(rb"\d", data):
            continue
        text = fold(readable_text(data))
        for number in find_identity_numbers(text, today):
            if number.digits not in allowed and not _part_of_a_hash(text, number):
                errors.append(
                    ContentError(
                        f"(den byggda filen {relative})",
                        f"möjligt {number.kind} '{number.masked}' i det som skulle publiceras",
                        hint="numret kommer inte från en enskild sidas text: sök efter det i innehållet, "
                        "i data/registry.yaml och i mallarna",
                    )
                )
                break
    return errors


def _part_of_a_hash(text, number):
    around = text[max(number.start - 1, 0) : number.start] + text[number.end : number.end + 1]
    return bool(HASH_CHARACTER.search(around))


def stop_on_written_numbers(output, today, allowed):
    errors = numbers_in_written_files(output, today, allowed)
    if errors:
        raise ContentErrors(errors)
