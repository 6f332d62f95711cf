"""Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer) in free text.

Only numbers whose check digit is right (Luhn, "modulus 10") and whose date
is a real, past date are reported, so that case numbers, phone numbers and
dates are not false alarms. Forms: ``YYMMDD-NNNN``, ``YYMMDD+NNNN`` (over
100 years old), ``YYYYMMDD-NNNN``, and both without the separator. A
coordination number is a personnummer with 60 added to the day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Separators as editors paste them: hyphen, en dash (from word processors),
# plus (100 years or older) and a space.
_SEPARATORS = "-–+ "
# Not preceded or followed by a digit, nor by a digit joined with a hyphen or
# plus: a personnummer-shaped part of a longer number (an account, a case
# number "2019-850101-1234") is not one.
# (The lookahead first lets the engine skip every position that cannot
# start six digits before it tries the lookbehinds: four times faster.)
_CANDIDATE = re.compile(
    r"(?=\d{6})(?<!\d)(?<!\d[-–+])"
    rf"(?P<century>\d{{2}})?(?P<date>\d{{6}})(?P<sep>[{_SEPARATORS}]?)(?P<serial>\d{{4}})"
    r"(?![-–+]?\d)"
)
CENTURIES = ("18", "19", "20")


@dataclass(frozen=True)
class IdentityNumber:
    """A likely personnummer found in a text."""

    text: str  # as written
    start: int
    end: int
    born: dt.date
    coordination: bool

    @property
    def kind(self):
        return "samordningsnummer" if self.coordination else "personnummer"

    @property
    def digits(self):
        """The ten digits that identify the person, whatever the form."""
        return normalise(self.text)

    @property
    def masked(self):
        """What a log may show: the first two digits, never the number."""
        separator = next((ch for ch in self.text if ch in _SEPARATORS), "")
        return f"{self.text[:2]}…{separator + '…' if separator else ''}"


def normalise(text):
    """``19121212-1212`` and ``121212+1212`` → ``1212121212``."""
    digits = re.sub(r"\D", "", str(text))
    return digits[-10:]


def luhn_ok(ten_digits):
    """The check digit of a personnummer: weights 2,1,2,… over the first
    nine digits, products' digits summed, 10 minus the last digit."""
    total = 0
    for index, char in enumerate(ten_digits[:9]):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(ten_digits[9])


def find_identity_numbers(text, today):
    """Every likely personnummer or samordningsnummer in ``text``.

    ``today`` (a date) decides the century of ten-digit forms, as a reader
    would: ``-`` means under 100 years old, ``+`` 100 or older; and a birth
    date in the future is no birth date.
    """
    found = []
    for match in _CANDIDATE.finditer(text):
        century = match["century"]
        if century is not None and century not in CENTURIES:
            continue
        if not luhn_ok(match["date"] + match["serial"]):
            continue
        born, coordination = _birth_date(match["century"], match["date"], match["sep"], today)
        if born is None:
            continue
        found.append(IdentityNumber(match.group(), match.start(), match.end(), born, coordination))
    return found


def _birth_date(century, yymmdd, separator, today):
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    coordination = day > 60
    if coordination:
        day -= 60
    if century is not None:
        born = _date(int(century) * 100 + year, month, day)
        return (born, coordination) if born and born <= today else (None, False)
    # Ten digits: the latest year ending in YY that is not in the future,
    # a hundred years earlier with "+".
    candidate = today.year - (today.year - year) % 100
    born = _date(candidate, month, day)
    if born is not None and born > today:
        candidate -= 100
        born = _date(candidate, month, day)
    if born is not None and separator == "+":
        born = _date(candidate - 100, month, day)
    return (born, coordination) if born else (None, False)


def _date(year, month, day):
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
