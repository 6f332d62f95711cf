"""Swedish dates in prose: "måndagen den 21 januari", "8 februari 2019",
"17-19 juni". Our regex finds them; dateparser's Swedish data reads the
month names; the year, when the text leaves it out, comes from the weekday
or the post's date."""

from __future__ import annotations

import datetime as dt
import re

import dateparser

from .findings import GUESS, LIKELY, SURE

WEEKDAYS = {"måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lördag": 5, "söndag": 6}

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"]

WEEKDAY = r"(?P<weekday>(?:mån|tis|ons|tors|fre|lör|sön)dag)(?:en)?"

DATE = re.compile(
    rf"(?:{WEEKDAY}\s+(?:den\s+)?)?\b(?P<day>\d{{1,2}})(?:\s*[–-]\s*(?P<last>\d{{1,2}}))?\s+"
    rf"(?P<month>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b\.?(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)


def _month_number(name):
    parsed = dateparser.parse(f"1 {name} 2000", languages=["sv"], settings={"DATE_ORDER": "DMY"})
    if parsed is None:
        raise ValueError(name)
    return parsed.month


def _year_for(day, month, weekday, reference, before):
    """(year, sure, why). With a weekday: the year near ``reference`` where
    the date falls on it. Without: the year that puts the date nearest the
    post, after it for an invitation and before it for a report."""
    if reference is None:
        return None, GUESS, "året står inte i texten och inlägget har inget datum"
    years = [reference.year + d for d in (0, 1, -1)]
    if weekday is not None:
        fitting = []
        for year in years:
            try:
                if dt.date(year, month, day).weekday() == weekday:
                    fitting.append(year)
            except ValueError:
                continue
        if len(fitting) == 1:
            return fitting[0], SURE, f"veckodagen stämmer bara med år {fitting[0]}"
    candidates = []
    for year in years:
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None, GUESS, "datumet finns inte"
    ref = reference.date() if isinstance(reference, dt.datetime) else reference
    side = [c for c in candidates if (c <= ref if before else c >= ref - dt.timedelta(days=3))]
    chosen = min(side or candidates, key=lambda c: abs((c - ref).days))
    return chosen.year, LIKELY, f"året taget från inläggets datum ({ref.isoformat()})"


def find_date(text, reference, before=False):
    """The first Swedish date in ``text`` as (date, last day or None, sure, why)."""
    match = DATE.search(text)
    if not match:
        return None
    month = _month_number(match.group("month").lower().rstrip("."))
    day = int(match.group("day"))
    weekday = WEEKDAYS.get((match.group("weekday") or "").lower())
    if match.group("year"):
        year, sure, why = int(match.group("year")), SURE, "året står i texten"
        if weekday is not None and dt.date(year, month, day).weekday() != weekday:
            sure, why = GUESS, "veckodagen stämmer inte med datumet"
    else:
        year, sure, why = _year_for(day, month, weekday, reference, before)
        if year is None:
            return None
    try:
        first = dt.date(year, month, day)
        last = dt.date(year, month, int(match.group("last"))) if match.group("last") else None
    except ValueError:
        return None
    return first, last, sure, why, match
