"""Dates and times: parsed from front matter, shown in Swedish via Babel.

Babel carries its own CLDR data, so "fredag 8 februari 2019" does not depend on
an installed sv_SE locale (CI machines rarely have one).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date

LOCALE = "sv_SE"

_DATE = r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})"
_DATETIME = re.compile(rf"^{_DATE}(?:[ T]{_TIME}(?::\d{{2}})?)?$")
_TIME_ONLY = re.compile(rf"^{_TIME}$")


class DateFormatError(ValueError):
    """A date or time an editor wrote that is not one: the message says why."""


def parse_datetime(value, field=None, example="2019-02-08 08:15"):
    """``(datetime, has_time)`` from ``2019-02-08``, ``2019-02-08 08:15`` or
    ``2019-02-08 08.15``. ``field`` (``end``) and ``example`` make the
    suggestion name the field as the editor writes it: ``skriv end: 15:30``."""
    text = str(value).strip()
    match = _DATETIME.match(text)
    if not match:
        written = f"{field}: " if field else ""
        meant = as_iso(text)
        if meant:
            form = "ÅÅÅÅ-MM-DD TT:MM" if " " in meant else "ÅÅÅÅ-MM-DD"
            raise DateFormatError(f"'{text}' är inte skrivet {form} — skriv {written}{meant}")
        raise DateFormatError(
            f"'{text}' är inget datum — skriv ÅÅÅÅ-MM-DD, eventuellt med tid, t.ex. {written}{example}"
        )
    has_time = match.group("H") is not None
    try:
        value = dt.datetime(
            int(match["y"]),
            int(match["m"]),
            int(match["d"]),
            int(match["H"] or 0),
            int(match["M"] or 0),
        )
    except ValueError as exc:
        raise DateFormatError(f"'{text}' finns inte i kalendern ({_swedish(exc)})") from exc
    return value, has_time


def is_clock(text):
    """``15:30``, ``15.30``, ``9:05``: a time of day as the content model takes it."""
    return bool(_TIME_ONLY.match(text))


def parse_time(value, field=None):
    """A ``datetime.time`` from ``15:30`` or ``15.30``."""
    match = _TIME_ONLY.match(str(value).strip())
    if not match:
        meant = time_as_iso(str(value).strip())
        example = meant if meant and meant != str(value).strip() else "15:30"
        written = f"{field}: " if field else ""
        raise DateFormatError(f"'{value}' är inget klockslag — skriv TT:MM, t.ex. {written}{example}")
    try:
        return dt.time(int(match["H"]), int(match["M"]))
    except ValueError as exc:
        raise DateFormatError(f"'{value}' är inget klockslag ({_swedish(exc)})") from exc


# How editors write dates and times otherwise: "8 februari 2019",
# "fredag 8 feb. 2019 kl 9", "08/02/2019", "8.2.2019", "2019-01-30 kl 13.30".
# Read only to suggest the ISO form; the page must still say it that way.
_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
_CLOCK = r"(?:,?\s*(?:kl\.?|klockan)?\s*(?P<H>\d{1,2})(?:[:.](?P<M>\d{2}))?)?"
_WORDS = re.compile(rf"^(?:[a-zåäö]+dag\s+)?(?:den\s+)?(?P<d>\d{{1,2}}):?[ae]?\.?\s+(?P<month>[a-zåäö]+)\.?\s+(?P<y>\d{{4}}){_CLOCK}$")
_NUMERIC = re.compile(rf"^(?P<d>\d{{1,2}})[/.](?P<m>\d{{1,2}})[/.](?P<y>\d{{4}}){_CLOCK}$")
_ISO_WORDY_TIME = re.compile(rf"^(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){_CLOCK}$")
_TIME_WORDS = re.compile(rf"^{_CLOCK}$")


def as_iso(text):
    """``2019-02-08 09:00`` for a date an editor wrote another way, else None."""
    text = text.lower()
    for pattern in (_WORDS, _NUMERIC, _ISO_WORDY_TIME):
        match = pattern.match(text)
        if not match:
            continue
        month = match.groupdict().get("m")
        if month is None:
            month = next((i + 1 for i, m in enumerate(_MONTHS) if match["month"].startswith(m)), None)
        try:
            day = dt.date(int(match["y"]), int(month or 0), int(match["d"]))
        except ValueError:
            return None
        clock = _clock(match)
        return f"{day:%Y-%m-%d}" + (f" {clock}" if clock else "")
    return None


def time_as_iso(text):
    """``09:00`` for a time of day an editor wrote another way (``kl 9``), else None."""
    match = _TIME_WORDS.match(text.lower())
    return _clock(match) if match else None


def _clock(match):
    if match["H"] is None or int(match["H"]) > 23 or int(match["M"] or 0) > 59:
        return None
    return f"{int(match['H']):02d}:{match['M'] or '00'}"


def _swedish(exc):
    text = str(exc)
    return {
        "day is out of range for month": "dagen finns inte i den månaden",
        "month must be in 1..12": "månaden måste vara 1–12",
        "hour must be in 0..23": "timmen måste vara 0–23",
        "minute must be in 0..59": "minuten måste vara 0–59",
    }.get(text, text)


# Jinja filters (registered by the plugin) -------------------------------

def format_day(value, pattern):
    """Babel's ``format_date`` in Swedish, remembered per day and pattern.

    A build formats the same few thousand days over and over (listings,
    calendars, every page's dates), and Babel's formatting is slow next to a
    dictionary lookup (issue #10). Babel formats only the date of a datetime,
    so the day is the whole key.
    """
    day = value.date() if isinstance(value, dt.datetime) else value
    return _format_day(day, pattern)


@functools.lru_cache(maxsize=16384)
def _format_day(day, pattern):
    return format_date(day, pattern, locale=LOCALE)


def sv_date(value):
    """``fredag 8 februari 2019``"""
    return format_day(value, "EEEE d MMMM y")


def sv_date_short(value):
    """``8 februari 2019``"""
    return format_day(value, "d MMMM y")


def sv_month(value):
    """``februari 2019``"""
    return format_day(value, "LLLL y")


def sv_time(value):
    """``08.15``: Swedish clock notation as the Language Council recommends."""
    return f"{value.hour:02d}.{value.minute:02d}"


def iso_date(value):
    """``2019-02-08`` for ``<time datetime>``"""
    if value.year >= 1000:
        # What strftime("%Y-%m-%d") gives, without Pelican's SafeDatetime
        # parsing the pattern on each of the many calls of a build.
        return f"{value.year}-{value.month:02d}-{value.day:02d}"
    return value.strftime("%Y-%m-%d")


FILTERS = {
    "sv_date": sv_date,
    "sv_date_short": sv_date_short,
    "sv_month": sv_month,
    "sv_time": sv_time,
    "iso_date": iso_date,
}
