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
from dataclasses import dataclass

import dateparser

SURE, LIKELY, GUESS = "säker", "trolig", "gissning"

WEEKDAYS = {"måndag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lördag": 5, "söndag": 6}
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec"]
WEEKDAY = r"(?P<weekday>(?:mån|tis|ons|tors|fre|lör|sön)dag)(?:en)?"
DATE = re.compile(
    rf"(?:{WEEKDAY}\s+(?:den\s+)?)?\b(?P<day>\d{{1,2}})(?:\s*[–-]\s*(?P<last>\d{{1,2}}))?\s+"
    rf"(?P<month>{'|'.join(sorted(MONTHS, key=len, reverse=True))})\b\.?(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.I,
)
TIME = r"(?P<{0}h>\d{{1,2}})(?:[:.](?P<{0}m>\d{{2}}))?"
RANGE = re.compile(r"(?:kl(?:ockan|\.)?\s*)?" + TIME.format("s") + r"\s*[–-]\s*" + TIME.format("e") + r"\b", re.I)
SINGLE = re.compile(r"(?:kl(?:ockan|\.)?\s*)(?P<h>\d{1,2})[:.](?P<m>\d{2})\b", re.I)
LABEL = re.compile(r"^\s*(?:\*\*)?(?P<label>Tid|När|Datum|Plats|Var|Lokal|Adress|Sista anmälningsdag|Anmälan)"
                   r"(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<value>.+)$", re.I | re.M)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\b0\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){1,3}\b")
STREET = re.compile(r"^[A-ZÅÄÖ][\wåäöé.-]*(?:\s+[\wåäöé.-]+)*\s+\d+[A-Za-z]?$")
ORDINAL = {"första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "sista": -1}
RECURRENCE = re.compile(r"därefter\s+(?:(?P<ord>första|andra|tredje|fjärde|sista)\s+)?"
                        r"(?P<weekday>(?:mån|tis|ons|tors|fre|lör|sön)dag)en\s+(?:i\s+)?varje\s+(?P<unit>månad|vecka)", re.I)
NUMBERS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
           "elva": 11, "tolv": 12}
COUNT = re.compile(r"\b(?P<n>\d{1,3}|" + "|".join(NUMBERS) + r")\s+(?:träffar|tillfällen|gånger)\b", re.I)
SPEAKERS = re.compile(r"(?:Medverkar gör|Medverkande(?: är)?:?|Föreläsare:?|Talare:?)\s+(?P<who>[^.\n]+)", re.I)
NAME = re.compile(r"\b([A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)+)\b")


@dataclass
class Finding:
    field: str
    value: object
    sure: str
    line: int
    why: str


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


def read_event(post, text, reference, city, is_report=False):  # noqa: PLR0912 — one branch per field, in reading order
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
    event = {}
    time_range = RANGE.search(when_text or "")
    if time_range and _hm(time_range, "s") and _hm(time_range, "e"):
        start, end = _hm(time_range, "s"), _hm(time_range, "e")
        event["start"] = f"{first.isoformat()} {start:%H:%M}"
        event["end"] = f"{first.isoformat()} {end:%H:%M}"
        before_range = (when_text or "")[: time_range.start()]
        early = SINGLE.search(before_range)
        if early:
            sentence = re.split(r"(?<=[.!?])\s+", before_range.strip())[0].strip()
            event["note"] = sentence
    else:
        event["start"] = first.isoformat()
        if last:
            event["end"] = last.isoformat()
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
    registration = _registration(text, labelled, reference, post, findings)
    if registration:
        event["registration"] = registration
    speakers = _speakers(text, post, findings)
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


def _registration(text, labelled, reference, post, findings):
    registration = {}
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if not re.search(r"anmä?l|anmälan|ring|kontakta", sentence, re.I):
            continue
        email = EMAIL.search(sentence)
        if email and "email" not in registration:
            registration["email"] = email.group(0).rstrip(".")
        phone = PHONE.search(sentence)
        if phone and "phone" not in registration:
            registration["phone"] = phone.group(0)
            contact = re.search(r"(?:ring|kontakta)\s+(.+?)\s+på\s+(?:telefon|tel)", sentence, re.I)
            if contact:
                registration["contact"] = contact.group(1)
        link = re.search(r"\[([^\]]*anmä[^\]]*)\]\((https?://[^)\s]+)\)", sentence, re.I)
        if link and "url" not in registration:
            registration["url"] = link.group(2)
    deadline_text, deadline_line = labelled.get("sista anmälningsdag", (None, None))
    if not deadline_text:
        match = re.search(r"(?:anmäl(?:an|)\s+(?:dig\s+)?senast|sista anmälningsdag(?:en)?(?: är)?)\s+(.+)", text, re.I)
        deadline_text, deadline_line = (match.group(1), match.group(0)) if match else (None, None)
    if deadline_text:
        found = find_date(deadline_text, reference)
        if found:
            registration["deadline"] = found[0].isoformat()
            findings.append(Finding("event.registration.deadline", registration["deadline"], found[2],
                                    post.line_of(deadline_line), found[3]))
    if registration:
        shown = ", ".join(f"{k}: {v}" for k, v in registration.items() if k != "deadline")
        if shown:
            first_value = next(v for k, v in registration.items() if k != "deadline")
            findings.append(Finding("event.registration", shown, LIKELY, post.line_of(first_value),
                                    "adresser och nummer i meningar om anmälan"))
    return registration


# "Anett Schenk och Lars Harrysson som är forskare vid socialhögskolan, Lunds universitet"
RESEARCHERS = re.compile(
    r"(?P<names>[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé-]+(?:(?:, | och )[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé-]+)*)"
    r" som (?:är|arbetar som) (?P<role>forskare|föreläsare|doktorand|professor)\w* (?:vid|på) (?P<place>[^.;]+?)"
    r"(?:,? (?:har|och|som)\b|[.;])")


def _researchers(text, post, findings):
    match = RESEARCHERS.search(text)
    if not match:
        return []
    place = match.group("place").strip()
    place = place[:1].upper() + place[1:]
    speakers = [{"name": n, "affiliation": place} for n in re.split(r", | och ", match.group("names"))]
    # Names and place copied as written: likely, not a guess (no draft for it).
    findings.append(Finding("event.speakers", speakers, LIKELY, post.line_of(match.group(0)),
                            f"”… som är {match.group('role')} vid …”"))
    return speakers


def _speakers(text, post, findings):
    match = SPEAKERS.search(text)
    if not match:
        return _researchers(text, post, findings)
    speakers = []
    for part in re.split(r",\s*|\s+och\s+", match.group("who")):
        name = NAME.match(part.strip())
        if not name:
            continue
        rest = part.strip()[name.end():].strip()
        affiliation = re.sub(r"^(från|på|vid)\s+", "", rest).strip() if re.match(r"(från|på|vid)\s", rest) else ""
        speakers.append({"name": name.group(1), "affiliation": affiliation} if affiliation else name.group(1))
    if speakers:
        findings.append(Finding("event.speakers", speakers, GUESS, post.line_of(match.group(0)),
                                "namn efter ”Medverkar gör”/”Medverkande”: kontrollera namn och titlar"))
    return speakers
