"""The personal-data guard over one page: what readers get of it — its
source line by line and across line breaks, its rendered text and the
attribute values readers see or follow, its front-matter values as decoded —
each folded first (readable.py), and its file name.

A personnummer or samordningsnummer is an error unless the page lists it
under ``personal_data_exceptions``. Another e-mail address or phone number
than the city's is a warning until the page says ``personal_data_reviewed:
true`` or lists it as an exception.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from archive_model.errors import ContentError

from .contacts import find_contacts, phone_key
from .identity_numbers import find_identity_numbers, normalise
from .readable import fold, fold_characters, without_marks

EXCEPTIONS_HINT = (
    "ta bort det, eller skriv in det under personal_data_exceptions med ett skäl "
    "om det ska publiceras"
)
REVIEW_HINT = (
    "kontrollera att den får publiceras och skriv personal_data_reviewed: true "
    "(eller lägg den under personal_data_exceptions)"
)


@dataclass(frozen=True)
class PageFindings:
    errors: list
    warnings: list  # ContentErrors too: same file:line form, logged not raised


def exception_keys(exceptions):
    """What each ``personal_data_exceptions`` value allows, in one spelling."""
    keys = set()
    for exception in exceptions:
        keys.update(_keys_of(exception.value))
    return keys


def _keys_of(value):
    # An identity number by its ten digits (with or without century and
    # separator), a phone number by its digits, an e-mail address as written.
    value = str(value).strip()
    keys = {value.lower()}
    if len(normalise(value)) == 10:
        keys.add(normalise(value))
    keys.update(phone_key(c.text) for c in find_contacts(value) if c.kind == "telefonnummer")
    return keys


def scan_page(shown, text, *, today, city, exceptions=(), reviewed=False, rendered=()):  # noqa: PLR0913 — keyword-only facts of one page
    """Findings in one page: its source ``text`` line by line, and
    ``rendered``, the other texts readers get of it (its HTML's text and
    attributes, its front-matter values as decoded), all folded
    (readable.py). ``shown`` is its path. A finding in ``rendered`` is
    placed on the source line that holds its digits, where one does."""
    skipped = declaration_lines(text)
    errors, warnings, used = findings_in(
        shown, text, today=today, city=city, allowed=exception_keys(exceptions),
        reviewed=reviewed, rendered=rendered, skipped=skipped,
    )
    source_lines = text.split("\n")
    stale = []
    for exception in exceptions:
        if not _keys_of(exception.value) & used:
            line = next((n for n in sorted(skipped) if exception.value in source_lines[n - 1]), None)
            stale.append(
                ContentError(
                    shown,
                    f"undantaget '{_loggable(exception.value)}' finns inte längre på sidan",
                    line=line,
                    field="personal_data_exceptions",
                    hint="ta bort det ur personal_data_exceptions",
                )
            )
    return PageFindings(errors, [*warnings, *stale])


def findings_in(shown, text, *, today, city, allowed, reviewed=False, rendered=(), skipped=frozenset()):  # noqa: PLR0913 — keyword-only facts of one file
    """``(errors, warnings, used)`` for one file's ``text`` and ``rendered``
    texts (see :func:`scan_page`); ``used``: the allowed keys met."""
    used = set()
    errors, warnings = {}, {}
    # One pass over the whole text each (the folds keep line breaks).
    unescaped = html.unescape(text)
    raw = fold_characters(unescaped).split("\n")
    lines = fold_characters(without_marks(unescaped)).split("\n")
    for number, line in _identity_numbers(lines, raw, skipped, rendered, today):
        if number.digits in allowed:
            used.add(number.digits)
            continue
        errors.setdefault(number.digits, ContentError(
            shown, f"möjligt {number.kind} '{number.masked}'", line=line, hint=EXCEPTIONS_HINT
        ))
    for contact, line in _contacts(raw, skipped, rendered):
        if city.allows(contact):
            continue
        if contact.key in allowed:
            used.add(contact.key)
            continue
        if not reviewed:
            warnings.setdefault(contact.key, ContentError(
                shown, f"{contact.kind} '{contact.text}' är inte stadens", line=line, hint=REVIEW_HINT
            ))
    return list(errors.values()), list(warnings.values()), used


def _identity_numbers(lines, raw, skipped, rendered, today):
    """``(number, line)``: each (folded) line, then the lines joined (a
    number across a line break), then each rendered text."""
    yield from _each("\n".join(lines), skipped, find_identity_numbers, today)
    pieces = [line.strip(" \t") for line in lines]
    starts, offset = [], 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece)
    for number in find_identity_numbers("".join(pieces), today):
        line = bisect.bisect_right(starts, number.start)
        if line not in skipped:
            yield number, line
    traced = None
    for text, line in _with_lines(rendered):
        for number in find_identity_numbers(fold(text), today):
            if line is None:
                traced = traced or _digits_per_line(raw)
                yield number, _line_holding(number.digits, traced, skipped)
            else:
                yield number, line


def _with_lines(rendered):
    """``(text, line or None)``: a rendered text may come with the line of
    the field it was written in."""
    for item in rendered:
        yield item if isinstance(item, tuple) else (item, None)


def _contacts(lines, skipped, rendered):
    yield from _each("\n".join(lines), skipped, find_contacts)
    readable = None
    for text, line in _with_lines(rendered):
        for contact in find_contacts(fold(text, join=" ")):
            if line is not None:
                yield contact, line
                continue
            readable = readable or [fold_characters(unquote(each)) for each in lines]
            yield contact, next((n for n, each in enumerate(readable, 1) if contact.text in each), None)


def _digits_per_line(lines):
    return [re.sub(r"\D", "", fold_characters(unquote(line))) for line in lines]


def _line_holding(digits, only, skipped):
    """The first source line (or line and the next) whose digits hold
    ``digits``; None where the number was made some other way."""
    lines = [(index, line) for index, line in enumerate(only, start=1) if index not in skipped]
    for index, line in lines:
        if digits in line:
            return index
    for index, line in lines:
        if index < len(only) and digits in line + only[index]:
            return index
    return None


def _loggable(value):
    """Logs are kept and read by more people: a value that may be a
    personnummer is shown by its first two digits only."""
    if "@" not in value and len(normalise(value)) == 10:
        return value[:2] + "…"
    return value


def scan_file_name(shown, relative, today, allowed=frozenset()):
    """A personnummer in a file's path below content/ (``relative``) is
    published in its URL and every link to it (folded: fullwidth digits in
    a name are digits in the address too)."""
    return [
        ContentError(
            shown,
            f"möjligt {number.kind} '{number.masked}' i filnamnet",
            hint="byt namn på filen eller mappen",
        )
        for number in find_identity_numbers(fold(relative), today)
        if number.digits not in allowed
    ]


def declaration_lines(text):
    """Line numbers of the front-matter block ``personal_data_exceptions``:
    the exceptions themselves are not findings (and an exception whose value
    is found nowhere else is stale)."""
    lines = text.split("\n")
    inside, found = False, set()
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() == "---":
            break
        if line.startswith("personal_data_exceptions:"):
            inside = True
        elif line[:1] not in (" ", "-", "\t", "#", ""):
            inside = False
        if inside:
            found.add(number)
    return found


def _each(text, skipped, finder, *args):
    """``(finding, line number)`` for every finding outside ``skipped``
    lines. The patterns never cross a line break, and one pass over the
    whole text is much faster than one per line."""
    for finding in finder(text, *args):
        number = text.count("\n", 0, finding.start) + 1
        if number not in skipped:
            yield finding, number
