"""Front-matter parsers for events: `event`, `related_events`,
`planned_meetings` → :class:`~.event_model.Event` values, validated once at
read time (docs/innehallsmodell.md, "The event block").

Every error names the field path (``event.recurrence.count``) so the reader
can point at its line. :func:`complete_events` runs after all fields are read:
titles and organisers that come from the page's title or series.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import replace
from itertools import islice

from pelican.utils import slugify

from .dates import DateFormatError, is_clock, parse_datetime, parse_time, sv_date, time_as_iso
from .errors import Collected, did_you_mean, raise_all
from .event_model import (
    FREQUENCIES,
    STATUS_ALIASES,
    STATUSES,
    Event,
    Recurrence,
    Registration,
    Session,
    Speaker,
    expand,
    last_day,
    local,
)
from .settings import model_settings

EVENT_KEYS = ("title", "start", "end", "location", "address", "online_url", "recurrence", "registration",
              "speakers", "organizer", "status", "sessions", "note")
RECURRENCE_KEYS = ("freq", "interval", "byday", "bymonthday", "count", "until")
REGISTRATION_KEYS = ("email", "phone", "url", "deadline", "contact", "note")
# Names and places: one line in the calendar, the page and the JSON-LD
# (a note or a description may have paragraphs).
ONE_LINE = ("title", "location", "address", "organizer", "name", "affiliation", "theme", "contact", "email", "phone")
SESSION_KEYS = ("title", "start", "end", "description", "location")
PLANNED_KEYS = ("date", "end", "theme", "location", "note")
STATUS_HINT = ("giltiga: scheduled (planerat), cancelled (inställt), postponed (uppskjutet), "
               "full (fullbokat), tentative (preliminärt)")
# A recurrence is expanded into the calendar; more than this is a typo.
_BYDAY = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _mapping(f, key, value, allowed, example):
    if not isinstance(value, dict):
        f.fail(key, "ska vara fält med värden", f"skriv t.ex. {example}")
    for name in value:
        if name not in allowed:
            f.fail((*key, name), f"okänt fält '{name}'", did_you_mean(name, allowed))
    return value


def _text(f, key, value):
    if value is None or isinstance(value, (dict, list)) or str(value).strip() == "":
        f.fail(key, "ska vara en text", "skriv en rad text eller ta bort fältet")
    text = str(value).strip()
    return f.one_line(key, text) if key[-1] in ONE_LINE else text


# Every time field reads the same forms (2019-02-08, 2019-02-08 13:30 or
# 13.30; an end also 15:30 alone, on the start's day) through _moment and
# _end; each error's suggestion is written as the field is: `skriv end: 15:30`.
EXAMPLES = {"start": "2019-02-08 13:30", "date": "2019-02-11 13:30", "end": "15:30",
            "deadline": "2019-01-25 12:00", "until": "2019-06-30"}


def _moment(f, key, value):
    """``(naive datetime, has_time)`` from a date or date and time."""
    field = key[-1]
    example = EXAMPLES.get(field, "2019-02-08 08:15")
    if value in (None, ""):
        f.fail(key, "saknas", f"skriv ett datum, t.ex. {field}: {example}")
    try:
        moment, has_time = parse_datetime(value, field, example)
    except DateFormatError as exc:
        f.fail(key, str(exc))
    f.in_range(key, moment)
    return moment, has_time


def _end(f, key, value, start, has_time):
    """The end as naive datetime: a date, a date and time, or a time on the start's day."""
    text = str(value).strip()
    _refuse_other_time_forms(f, key, text)
    if "-" not in text:  # no date: a time on the start's day (15:30, 15.30)
        if not has_time:
            f.fail(key, f"'{text}' är en tid men start har ingen tid", "skriv en tid också på start, t.ex. start: 2019-02-08 08:15")
        try:
            end = dt.datetime.combine(start.date(), parse_time(text, key[-1]))
        except DateFormatError as exc:
            f.fail(key, str(exc))
    else:
        end, end_has_time = _moment(f, key, value)
        if end_has_time != has_time:
            hint = "skriv båda med tid (2019-02-08 08:15) eller båda som datum (2019-05-21) för heldag"
            f.fail(key, "start och end ska båda ha tid eller båda vara datum", hint)
        if not has_time:
            end += dt.timedelta(days=1)  # the midnight after the last day
    if end <= start:
        shown = f"{start:%Y-%m-%d %H:%M}" if has_time else f"{start:%Y-%m-%d}"
        f.fail(key, f"slutar ({text}) innan den har börjat ({shown})", "end ska vara efter start; för en enda dag räcker start")
    return end


def _refuse_other_time_forms(f, key, text):
    """``kl 15`` and ``13:30-15:30`` are how a time is said, not written here."""
    span = re.fullmatch(r"(?:kl\.?\s*)?\d{1,2}(?:[:.]\d{2})?\s*[-–]\s*(?:kl\.?\s*)?(\d{1,2}(?:[:.]\d{2})?)", text)
    end = time_as_iso(span[1]) if span else None
    if end:
        f.fail(key, f"'{text}' är ett tidsintervall", f"skriv bara sluttiden, end: {end}, och starttiden i start")
    clock = time_as_iso(text)
    if clock and not is_clock(text):
        f.fail(key, f"'{text}' är inget klockslag", f"skriv TT:MM, {key[-1]}: {clock}")


def _url(f, key, value):
    text = _text(f, key, value)
    if not re.match(r"^https?://\S+$", text):
        f.fail(key, f"'{text}' är ingen webbadress", "skriv hela adressen, t.ex. https://helsingborg.se/…")
    return text


def _status(f, key, value):
    text = str(value).strip().lower()
    status = STATUS_ALIASES.get(text, text)
    if status not in STATUSES:
        f.fail(key, f"okänd status '{value}'", STATUS_HINT)
    return status


def _recurrence(f, key, value, start, has_time):
    value = _mapping(f, key, value, RECURRENCE_KEYS, "recurrence: {freq: monthly, byday: -1WE, count: 10}")
    freq = str(value.get("freq", "")).strip().lower()
    if freq not in FREQUENCIES:
        f.fail((*key, "freq"), f"okänd frekvens '{value.get('freq', '')}'", "giltiga: " + ", ".join(FREQUENCIES))
    interval = _positive(f, (*key, "interval"), value.get("interval", 1), "interval: 2 (varannan)")
    if interval > MAX_INTERVAL:
        # Past RFC 5545's integers icalendar raised; far below, the second
        # meeting already lies beyond any bound on years.
        f.fail((*key, "interval"), f"interval: {interval} är för stort (högst {MAX_INTERVAL})",
               "interval: 2 betyder varannan gång; för en enstaka träff, ta bort recurrence")
    byday = []
    days = value.get("byday", [])
    for index, code in enumerate(days.split(",") if isinstance(days, str) else days):
        match = _BYDAY.match(str(code).strip().upper())
        ordinal = match and match[1] and int(match[1])
        if not match or ordinal == 0 or (ordinal and (abs(ordinal) > 5 or freq not in ("monthly", "yearly"))):
            f.fail((*key, "byday", index) if isinstance(days, list) else (*key, "byday"), f"'{code}' är ingen veckodag",
                   "skriv MO, TU, WE, TH, FR, SA eller SU; med ordningstal för månader: 1MO (första måndagen), -1WE (sista onsdagen)")
        byday.append((ordinal or None, match[2]))
    monthdays = value.get("bymonthday", [])
    monthdays = [monthdays] if isinstance(monthdays, int) else monthdays
    if not isinstance(monthdays, list) or any(not isinstance(d, int) or not 1 <= abs(d) <= 31 for d in monthdays):
        f.fail((*key, "bymonthday"), f"'{value.get('bymonthday')}' är ingen dag i månaden", "skriv t.ex. bymonthday: 15")
    count = None
    if "count" in value:
        count = _positive(f, (*key, "count"), value["count"], "count: 10 (antal tillfällen)")
    until = None
    if "until" in value:
        until, until_has_time = _moment(f, (*key, "until"), value["until"])
        if until_has_time or until.date() < start.date():
            f.fail((*key, "until"), f"'{value['until']}' ska vara ett datum efter start", "skriv t.ex. until: 2019-06-30")
        until = until.date()
    if (count is None) == (until is None):
        f.fail(key, "ange antingen count (antal tillfällen) eller until (sista datum)", "skriv t.ex. count: 10")
    recurrence = Recurrence(freq, interval, tuple(byday), tuple(monthdays), count, until)
    _bounded(f, (*key, "count" if count else "until"), recurrence, start)
    first = next(iter(recurrence.rule(start)), None)
    if first != start:
        when = f"{sv_date(first)}" if first else "inget datum"
        f.fail((*key[:-1], "start"), f"start ({sv_date(start)}) stämmer inte med upprepningen",
               f"första tillfället enligt regeln är {when}; ändra start eller regeln")
    return recurrence


MAX_INTERVAL = 1000


def _bounded(f, key, recurrence, start):
    """At most ARCHIVE_EVENT_MAX_OCCURRENCES occurrences, the last within
    ARCHIVE_EVENT_MAX_YEARS of start, whatever count or until say: counted
    no further than one past the bound, so the check itself stays small."""
    options = model_settings(f.settings)
    most, years = options["ARCHIVE_EVENT_MAX_OCCURRENCES"], options["ARCHIVE_EVENT_MAX_YEARS"]
    starts = list(islice(recurrence.rule(start), most + 1))
    if len(starts) > most:
        f.fail(key, f"upprepningen ger fler än {most} tillfällen",
               "dela upp händelsen i flera perioder, eller sätt ett tidigare until eller ett mindre count")
    if recurrence.count and len(starts) < recurrence.count:  # the calendar ends at year 9999
        f.fail(key, f"upprepningen ger bara {len(starts)} av {recurrence.count} tillfällen",
               "kontrollera interval och count")
    latest = _years_after(start, years)
    if starts and starts[-1] > latest:
        f.fail(key, f"upprepningen når {sv_date(starts[-1])}, mer än {years} år efter start",
               f"sista tillfället får vara högst {years} år efter start: skriv t.ex. until: {latest:%Y-%m-%d}")


def _years_after(start, years):
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


def _positive(f, key, value, example):
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        f.fail(key, f"'{value}' ska vara ett heltal 1 eller större", f"skriv t.ex. {example}")
    return value


def _registration(f, key, value, start):
    value = _mapping(f, key, value, REGISTRATION_KEYS, "registration: {email: namn@helsingborg.se, deadline: 2019-01-25}")
    fields = {name: _text(f, (*key, name), value[name]) for name in ("email", "phone", "contact", "note") if name in value}
    if "email" in fields and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", fields["email"], re.IGNORECASE):
        f.fail((*key, "email"), f"'{fields['email']}' är ingen e-postadress", "skriv t.ex. anhorigstod@helsingborg.se")
    if "url" in value:
        fields["url"] = _url(f, (*key, "url"), value["url"])
    if "deadline" in value:
        deadline, has_time = _moment(f, (*key, "deadline"), value["deadline"])
        if (deadline if has_time else deadline.date()) > (start if has_time else start.date()):
            f.fail((*key, "deadline"), f"sista anmälningsdag ({value['deadline']}) är efter start ({start:%Y-%m-%d})",
                   "anmälan ska stänga senast när händelsen börjar")
        fields.update(deadline=local(deadline, f.zone), deadline_has_time=has_time)
    return Registration(**fields)


def _speakers(f, key, value):
    speakers = []
    for index, item in enumerate([value] if isinstance(value, str) else _list(f, key, value)):
        if isinstance(item, dict):
            entry = _mapping(f, (*key, index), item, ("name", "affiliation"), "{name: Anett Schenk, affiliation: Lunds universitet}")
            if "name" not in entry:
                f.fail((*key, index), "'name' saknas", "skriv {name: Förnamn Efternamn}")
            speakers.append(Speaker(_text(f, (*key, index, "name"), entry["name"]),
                                    _text(f, (*key, index, "affiliation"), entry["affiliation"]) if "affiliation" in entry else ""))
        else:
            speakers.append(Speaker(_text(f, (*key, index), item)))
    return tuple(speakers)


def _list(f, key, value):
    if not isinstance(value, list):
        f.fail(key, "ska vara en lista", "skriv varje post på en egen rad med '- ' först")
    return value


def _sessions(f, key, value, start, end, all_day):
    sessions = []
    final_day = last_day(start, end, all_day)
    for index, raw in enumerate(_list(f, key, value)):
        at = (*key, index)
        item = _mapping(f, at, raw, SESSION_KEYS, "{start: 2022-06-17, title: Intro}")
        if "title" not in item:
            f.fail(at, "'title' saknas", "skriv title: Vad som händer")
        s_start, s_has_time = _moment(f, (*at, "start"), item.get("start"))
        s_end = _end(f, (*at, "end"), item["end"], s_start, s_has_time) if "end" in item else None
        if not start.date() <= s_start.date() <= final_day:
            f.fail((*at, "start"), f"{s_start:%Y-%m-%d} ligger utanför händelsens datum", "ett programpass ska ligga mellan start och end")
        sessions.append(Session(
            title=_text(f, (*at, "title"), item["title"]), start=local(s_start, f.zone), end=s_end and local(s_end, f.zone), all_day=not s_has_time,
            description=_text(f, (*at, "description"), item["description"]) if "description" in item else "",
            location=_text(f, (*at, "location"), item["location"]) if "location" in item else "",
        ))
    return tuple(sessions)


class _SubFields(Collected):
    """An event block's fields read one by one: a wrong one is kept and the
    next read, so the editor sees every wrong field of the block at once."""

    def __init__(self, f, key, value):
        super().__init__()
        self.f, self.key, self.value = f, key, value

    def read(self, name, parse, *args, default=None):
        if name not in self.value:
            return default
        return self.attempt(parse, self.f, (*self.key, name), self.value[name], *args, default=default)


def parse_event(f, key, value, event_key, title_required=False):
    """One event block → :class:`Event` (title may be filled in later)."""
    value = _mapping(f, key, value, EVENT_KEYS, "event: {start: 2019-02-08 08:15, end: 10:00}")
    if "start" not in value:
        f.fail(key, "'start' saknas", "varje händelse behöver start, t.ex. start: 2019-02-08 08:15")
    if title_required and "title" not in value:
        f.fail(key, "'title' saknas", "en händelse i related_events behöver en egen title")
    # Everything else is read against start: a wrong start is the one error.
    start, has_time = _moment(f, (*key, "start"), value["start"])
    fields = _SubFields(f, key, value)
    end = fields.read("end", _end, start, has_time)
    when_known = not fields.errors  # sessions are checked against start and end
    if end is None and not has_time:
        end = start + dt.timedelta(days=1)
    recurrence = fields.read("recurrence", _recurrence, start, has_time)
    texts = {name: fields.read(name, _text, default="") for name in ("title", "location", "address", "organizer", "note")}
    event = {
        "online_url": fields.read("online_url", _url, default=""),
        "registration": fields.read("registration", _registration, start),
        "speakers": fields.read("speakers", _speakers, default=()),
        "status": fields.read("status", _status, default="scheduled"),
        "sessions": fields.read("sessions", _sessions, start, end, not has_time, default=()) if when_known else (),
    }
    raise_all(fields.errors)
    return Event(
        key=event_key, start=local(start, f.zone), end=end and local(end, f.zone), all_day=not has_time, **texts, **event,
        recurrence=recurrence, occurrences=expand(start, end, not has_time, recurrence, f.zone),
    )


def _planned(f, key, value):
    value = _mapping(f, key, value, PLANNED_KEYS, "{date: 2019-02-11, theme: anhörigstöd}")
    if "date" not in value:
        f.fail(key, "'date' saknas", "skriv t.ex. {date: 2019-02-11, theme: anhörigstöd}")
    start, has_time = _moment(f, (*key, "date"), value["date"])
    end = _end(f, (*key, "end"), value["end"], start, has_time) if "end" in value else None
    if end is None and not has_time:
        end = start + dt.timedelta(days=1)
    theme = _text(f, (*key, "theme"), value["theme"]) if "theme" in value else ""
    return Event(
        key=f"planned-{start:%Y-%m-%d}", start=local(start, f.zone), end=end and local(end, f.zone), all_day=not has_time,
        location=_text(f, (*key, "location"), value["location"]) if "location" in value else "",
        note=_text(f, (*key, "note"), value["note"]) if "note" in value else "",
        status="tentative", theme=theme, occurrences=expand(start, end, not has_time, None, f.zone),
    )


def _event(f, value):
    return {"event": parse_event(f, ("event",), value, "event")}


def _each(f, name, value, parse):
    """Every item of the list field ``name`` parsed by ``parse(key, item, index)``;
    the errors of all wrong items are raised together."""
    items = Collected()
    parsed = [items.attempt(parse, (name, i), v, i) for i, v in enumerate(_list(f, (name,), value))]
    raise_all(items.errors)
    return parsed


def _related_events(f, value):
    def related(key, item, _index):
        return parse_event(f, key, item, "related", True)

    return {"related_events": _keyed_by_title(_each(f, "related_events", value, related))}


def _keyed_by_title(events):
    """Each related event's key (and so its calendar UID) from its title, not
    its place in the list: a subscriber's calendar keeps following an event
    when the editor reorders the list, adds one above it or moves its date.
    A title used twice on the page gets the date, then a number."""
    keys = [f"related-{slugify(event.title)}" for event in events]
    keys = [f"{key}-{event.start:%Y-%m-%d}" if keys.count(key) > 1 else key for key, event in zip(keys, events, strict=True)]
    numbered = Counter()
    keyed = []
    for event, key in zip(events, keys, strict=True):
        numbered[key] += 1
        keyed.append(replace(event, key=f"{key}-{numbered[key]}" if keys.count(key) > 1 else key))
    return keyed


def _planned_meetings(f, value):
    return {"planned_meetings": _each(f, "planned_meetings", value, lambda key, item, _index: _planned(f, key, item))}


def complete_events(f, metadata):
    """Fill in what comes from the page: the event's title (the page's
    title), organisers and planned meetings' titles (the page's series)."""
    series = metadata.get("series")
    organiser = series.organiser if series and series.organiser else ""
    if "event" in metadata:
        event = metadata["event"]
        metadata["event"] = replace(event, title=event.title or metadata["title"], organizer=event.organizer or organiser)
    planned = []
    for index, event in enumerate(metadata.get("planned_meetings", [])):
        if not series and not event.theme:
            f.fail(("planned_meetings", index), "har varken theme eller en serie att hämta namnet från",
                   "skriv theme: … eller series: … på sidan")
        title = " – ".join(part for part in (series.name if series else "", event.theme) if part)
        planned.append(replace(event, title=title, organizer=organiser))
    if planned:
        metadata["planned_meetings"] = planned
    return metadata


EVENT_FIELDS = {
    "event": _event,
    "related_events": _related_events,
    "planned_meetings": _planned_meetings,
}
