"""Event fields read from Swedish prose: "Tid: måndagen den 21 januari,
klockan 13:30-15:30", "Plats: Fontänhuset Helsingborg, Norra strandgatan 8",
"Sista anmälningsdag: 25 januari", "anmälan till x@helsingborg.se".

Our own rules find the phrases (labels, weekdays, times written as 13:30,
13.30 or "kl 13–15", ranges); dateparser's Swedish data reads the day and
month names in them. The year, when the text leaves it out, comes from the
weekday (the one year near the post where 21 January is a Monday) or else
from the post's date. Each field comes back as a :class:`Finding` with how
sure it is and the source line, for the report.
"""

from __future__ import annotations

import datetime as dt
import re

from . import people
from .findings import GUESS, SURE, Finding
from .swedish_dates import WEEKDAYS, find_date

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
TIME = r"(?P<{0}h>\d{{1,2}})(?:[:.](?P<{0}m>\d{{2}}))?"
RANGE = re.compile(r"(?P<kl>kl(?:ockan|\.)?\s*)?" + TIME.format("s") + r"\s*[–-]\s*" + TIME.format("e") + r"\b", re.I)
ONE_TIME = re.compile(r"\bkl(?:ockan|\.)?\s*" + TIME.format(""), re.I)
SINGLE = re.compile(r"(?:kl(?:ockan|\.)?\s*)(?P<h>\d{1,2})[:.](?P<m>\d{2})\b", re.I)
LABEL = re.compile(r"^\s*(?:\*\*)?(?P<label>Tid|När|Datum|Plats|Var|Lokal|Adress|Sista anmälningsdag|Anmälan)"
                   r"(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<value>.+)$", re.I | re.M)
STREET = re.compile(r"^[A-ZÅÄÖ][\wåäöé.-]*(?:\s+[\wåäöé.-]+)*\s+\d+[A-Za-z]?$")
ORDINAL = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "sista": -1}
RECURRENCE = re.compile(r"därefter\s+(?:(?P<ord>första|andra|tredje|fjärde|sista)\s+)?"
                        r"(?P<weekday>(?:mån|tis|ons|tors|fre|lör|sön)dag)en\s+(?:i\s+)?varje\s+(?P<unit>månad|vecka)", re.I)
NUMBERS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
           "elva": 11, "tolv": 12}
COUNT = re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(NUMBERS) + r")\s+(?:träffar|tillfällen|gånger)\b", re.I)


def _times(first, last, when_text):
    """start, end and note from the day(s) and the time text; the range
    found, if any (the report says where the end came from)."""
    event = {}
    time_range = _time_range(when_text)
    if time_range and _hm(time_range, "s") and _hm(time_range, "e"):
        start, end = _hm(time_range, "s"), _hm(time_range, "e")
        event["start"] = f"{first.isoformat()} {start:%H:%M}"
        event["end"] = f"{first.isoformat()} {end:%H:%M}"
        before_range = when_text[: time_range.start()]
        if SINGLE.search(before_range):
            # "Vi börjar med frukost klockan 7:45. Föredrag … 8:15-10:00."
            event["note"] = re.split(r"(?<=[.!?])\s+", before_range.strip())[0].strip()
    elif (single := ONE_TIME.search(when_text)) and _hm(single, ""):
        # "klockan 18": a start without an end (the event lasts its day out).
        event["start"] = f"{first.isoformat()} {_hm(single, ''):%H:%M}"
    else:
        event["start"] = first.isoformat()
        if last:
            event["end"] = last.isoformat()
    return event, time_range


def _time_range(text):
    """The first "13:30-15:30" or "kl 13–15"; "21–22 maj" is days, not hours."""
    for match in RANGE.finditer(text):
        if match.group("kl") or match.group("sm") or match.group("em"):
            return match
    return None


def _hm(match, prefix):
    hours = int(match.group(f"{prefix}h"))
    minutes = int(match.group(f"{prefix}m") or 0)
    return dt.time(hours, minutes) if hours < 24 and minutes < 60 else None


def _labelled(text):
    found = {}
    for match in LABEL.finditer(text):
        label = match.group("label").lower()
        key = {"när": "tid", "datum": "tid", "var": "plats", "lokal": "plats", "adress": "plats"}.get(label, label)
        found.setdefault(key, (match.group("value").strip(), match.group(0)))
    return found


def split_place(value, city):
    """(location, address): "Mindpark, lokal Auditoriet (Bredgatan 11)" and
    "Träffpunkt Sköldenborg, Hebsackersgatan 6" alike; the town is added."""
    value = value.strip().rstrip(".")
    address = None
    paren = re.search(r"\(([^)]+)\)\s*$", value)
    if paren and STREET.match(paren.group(1).strip()):
        address, value = paren.group(1).strip(), value[: paren.start()].strip()
    elif "," in value:
        head, tail = value.rsplit(",", 1)
        if STREET.match(tail.strip()):
            value, address = head.strip(), tail.strip()
    if address and city and city.lower() not in address.lower():
        address = f"{address}, {city}"
    return value, address


def read_event(post, text, reference, city, is_report=False):
    """The event a post announces, as (event dict or None, findings)."""
    findings = []
    labelled = _labelled(text)
    when_text, when_line = labelled.get("tid", (None, None))
    sources = [(when_text, when_line)] if when_text else []
    sources += [(post.title, None), (text, None)]
    found = None
    for candidate, line_text in sources:
        found = find_date(candidate, reference, before=is_report)
        if found:
            source_line = post.line_of(line_text or found[4].group(0)) if line_text or candidate is text else post.line
            break
    if not found or (not when_text and is_report):
        return None, findings
    first, last, sure, why, _match = found
    if not when_text:
        sure, why = GUESS, why + "; ingen rad 'Tid:' eller 'När:' i texten"
    event, time_range = _times(first, last, when_text or "")
    findings.append(Finding("event.start", event["start"], sure, source_line, why))
    if "end" in event:
        findings.append(Finding("event.end", event["end"], sure, source_line, "tiden efter bindestrecket" if time_range else "sista dagen i spannet"))
    place_text, place_line = labelled.get("plats", (None, None))
    if place_text:
        location, address = split_place(place_text, city)
        event["location"] = location
        if address:
            event["address"] = address
        findings.append(Finding("event.location", location, SURE, post.line_of(place_line), "raden 'Plats:'/'Var:'"))
    recurrence = _recurrence(text, first, post, findings)
    if recurrence:
        event["recurrence"] = recurrence
    registration = people.registration(text, labelled, reference, post, findings)
    if registration:
        event["registration"] = registration
    speakers = people.speakers(text, post, findings)
    if speakers:
        event["speakers"] = speakers
    return event, findings


def _recurrence(text, first, post, findings):
    match = RECURRENCE.search(text)
    if not match:
        return None
    weekday = WEEKDAYS[match.group("weekday").lower()]
    if match.group("unit").lower() == "vecka":
        rule = {"freq": "weekly", "byday": BYDAY[weekday]}
    else:
        ordinal = ORDINAL.get((match.group("ord") or "första").lower(), 1)
        rule = {"freq": "monthly", "byday": f"{ordinal}{BYDAY[weekday]}"}
    count = COUNT.search(text)
    sure = SURE
    if count:
        number = count.group("n").lower()
        rule["count"] = int(number) if number.isdigit() else NUMBERS[number]
    else:
        rule["count"] = 10
        sure = GUESS
    findings.append(Finding("event.recurrence", rule, sure, post.line_of(match.group(0)),
                            f"”{match.group(0)}”" + ("" if count else "; antalet träffar står inte: 10 antaget")))
    return rule


