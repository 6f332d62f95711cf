"""The personal-data guard over one page: its source file line by line (front
matter and text, as the editor wrote them) and its file name.

A personnummer or samordningsnummer is an error unless the page lists it
under ``personal_data_exceptions``. Another e-mail address or phone number
than the city's is a warning until the page says ``personal_data_reviewed:
true`` or lists it as an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive_model.errors import ContentError

from .contacts import find_contacts, phone_key
from .identity_numbers import find_identity_numbers, normalise

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


def scan_page(shown, text, *, today, city, exceptions=(), reviewed=False):
    """Findings in one page's source ``text`` (``shown`` is its path)."""
    allowed = exception_keys(exceptions)
    used = set()
    errors, warnings = [], []
    skipped = declaration_lines(text)
    for number, line in _each(text, skipped, find_identity_numbers, today):
        if number.digits in allowed:
            used.add(number.digits)
            continue
        errors.append(
            ContentError(
                shown, f"möjligt {number.kind} '{number.masked}'", line=line, hint=EXCEPTIONS_HINT
            )
        )
    for contact, line in _each(text, skipped, find_contacts):
        if city.allows(contact):
            continue
        if contact.key in allowed:
            used.add(contact.key)
            continue
        if not reviewed:
            warnings.append(
                ContentError(
                    shown,
                    f"{contact.kind} '{contact.text}' är inte stadens",
                    line=line,
                    hint=REVIEW_HINT,
                )
            )
    lines = text.split("\n")
    for exception in exceptions:
        if not _keys_of(exception.value) & used:
            line = next((n for n in sorted(skipped) if exception.value in lines[n - 1]), None)
            warnings.append(
                ContentError(
                    shown,
                    f"undantaget '{_loggable(exception.value)}' finns inte längre på sidan",
                    line=line,
                    field="personal_data_exceptions",
                    hint="ta bort det ur personal_data_exceptions",
                )
            )
    return PageFindings(errors, warnings)


def _loggable(value):
    """Logs are kept and read by more people: a value that may be a
    personnummer is shown by its first two digits only."""
    if "@" not in value and len(normalise(value)) == 10:
        return value[:2] + "…"
    return value


def scan_file_name(shown, relative, today, allowed=frozenset()):
    """A personnummer in a file's path below content/ (``relative``) is
    published in its URL and every link to it."""
    return [
        ContentError(
            shown,
            f"möjligt {number.kind} '{number.masked}' i filnamnet",
            hint="byt namn på filen eller mappen",
        )
        for number in find_identity_numbers(relative, today)
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
