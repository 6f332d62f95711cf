"""The typed event model: what an `event`, `related_events` or
`planned_meetings` entry becomes once read (see event_fields.py).

Times are aware datetimes in the site's time zone (settings.site_zone). An all-day event starts at
local midnight and its ``end`` is the midnight after its last day (exclusive,
as in iCalendar); ``last_day`` is the day to show. Recurrences expand on wall-
clock time, so a 13:30 meeting stays at 13:30 on both sides of a DST change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dateutil import rrule

from .dates import sv_date_short

STATUSES = ("scheduled", "cancelled", "postponed", "full", "tentative")
# Editors may write the Swedish word; the model keeps the English key.
STATUS_ALIASES = {
    "planerad": "scheduled",
    "planerat": "scheduled",
    "inställd": "cancelled",
    "inställt": "cancelled",
    "uppskjuten": "postponed",
    "uppskjutet": "postponed",
    "fullbokad": "full",
    "fullbokat": "full",
    "preliminär": "tentative",
    "preliminärt": "tentative",
}
# Shown in words, never by colour alone. "scheduled" needs no words.
STATUS_LABELS = {
    "scheduled": "",
    "cancelled": "Inställt",
    "postponed": "Uppskjutet",
    "full": "Fullbokat — väntelista",
    "tentative": "Preliminärt datum",
}

FREQUENCIES = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", -1: "sista", -2: "näst sista"}
_EVERY = {"daily": ("varje dag", "varannan dag", "dag"), "weekly": ("varje vecka", "varannan vecka", "vecka"),
          "monthly": ("varje månad", "varannan månad", "månad"), "yearly": ("varje år", "vartannat år", "år")}


@dataclass(frozen=True)
class Speaker:
    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class Registration:
    email: str = ""
    phone: str = ""
    url: str = ""
    contact: str = ""
    note: str = ""
    deadline: dt.datetime | None = None
    deadline_has_time: bool = False


class TimeSpan:
    """What a span with ``start``, ``end`` and ``all_day`` says about itself."""

    @property
    def has_end(self):
        return self.all_day or self.end is not None

    @property
    def last_day(self):
        """The last day it takes place (for an event: of its first occurrence)."""
        return last_day(self.start, self.end, self.all_day)


@dataclass(frozen=True)
class Session(TimeSpan):
    title: str
    start: dt.datetime
    end: dt.datetime | None
    all_day: bool
    description: str = ""
    location: str = ""


@dataclass(frozen=True)
class Recurrence:
    freq: str
    interval: int = 1
    byday: tuple = ()  # ((ordinal or None, "WE"), …)
    bymonthday: tuple = ()
    count: int | None = None
    until: dt.date | None = None

    def rule(self, start_naive):
        """A dateutil rule from the event's naive local start."""
        weekdays = [getattr(rrule, code)(ordinal) if ordinal else getattr(rrule, code) for ordinal, code in self.byday]
        until = None
        if self.until:
            until = dt.datetime.combine(self.until, dt.time(23, 59, 59))
        return rrule.rrule(
            FREQUENCIES[self.freq], dtstart=start_naive, interval=self.interval,
            byweekday=weekdays or None, bymonthday=list(self.bymonthday) or None,
            count=self.count, until=until,
        )

    def ical(self, zone, all_day=False):
        """The RRULE as a mapping for icalendar's vRecur. UNTIL is a DATE for
        an all-day event (RFC 5545 3.3.10: a UTC time after an all-day
        DTSTART is invalid and clients drop the rule), else the end of that
        day in ``zone``, the event's."""
        rule = {"FREQ": self.freq.upper()}
        if self.interval != 1:
            rule["INTERVAL"] = self.interval
        if self.byday:
            rule["BYDAY"] = [f"{ordinal or ''}{code}" for ordinal, code in self.byday]
        if self.bymonthday:
            rule["BYMONTHDAY"] = list(self.bymonthday)
        if self.count:
            rule["COUNT"] = self.count
        if self.until and all_day:
            rule["UNTIL"] = self.until
        elif self.until:
            rule["UNTIL"] = dt.datetime.combine(self.until, dt.time(23, 59, 59), tzinfo=zone).astimezone(dt.UTC)
        return rule

    def in_words(self):
        """``sista onsdagen varje månad, 10 träffar``"""
        every, every_other, unit = _EVERY[self.freq]
        period = every if self.interval == 1 else every_other if self.interval == 2 else f"var {self.interval}:e {unit}"
        if self.byday and any(ordinal for ordinal, _ in self.byday):
            days = " och ".join(f"{_ORDINALS.get(o, f'{o}:e')} {_DAY_NAMES[WEEKDAYS.index(c)]}en" for o, c in self.byday)
            text = f"{days} {period}"
        elif self.byday:
            names = [_DAY_NAMES[WEEKDAYS.index(code)] for _, code in self.byday]
            if self.freq == "weekly" and self.interval == 1 and len(names) == 1:
                text = f"varje {names[0]}"
            else:
                text = " och ".join(f"{name}ar" for name in names) + f" {period}"
        elif self.bymonthday:
            text = f"den {' och '.join(f'{d}:e' for d in self.bymonthday)} {period}"
        else:
            text = period
        if self.count:
            text += f", {self.count} {'träff' if self.count == 1 else 'träffar'}"
        elif self.until:
            text += f", till och med {sv_date_short(self.until)}"
        return text


@dataclass(frozen=True)
class Event(TimeSpan):
    """One event of a page. ``key`` names it within the page ("event",
    "related-inhabithon", "planned-2019-02-11") and, with the page's URL, makes its
    calendar UID."""

    key: str
    start: dt.datetime
    end: dt.datetime | None
    all_day: bool
    title: str = ""
    location: str = ""
    address: str = ""
    online_url: str = ""
    recurrence: Recurrence | None = None
    registration: Registration | None = None
    speakers: tuple = ()
    organizer: str = ""
    status: str = "scheduled"
    sessions: tuple = ()
    note: str = ""
    theme: str = ""
    occurrences: tuple = field(default=(), compare=False)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def place(self):
        """``Mindpark, lokal Auditoriet, Bredgatan 11, Helsingborg``, without
        saying the place twice when the address already starts with it."""
        if self.location and self.address.startswith(self.location):
            return self.address
        return ", ".join(part for part in (self.location, self.address) if part)

    @property
    def is_planned(self):
        return self.key.startswith("planned-")

    @property
    def last_end(self):
        """When its last occurrence ends: after this it is past."""
        return self.occurrences[-1][1]


def last_day(start, end, all_day):
    if end is None:
        return start.date()
    if all_day:
        return (end - dt.timedelta(days=1)).date()
    return end.date()


def local(naive, zone):
    """A naive wall-clock time in the site's time zone made aware (DST included)."""
    return naive.replace(tzinfo=zone)


def effective_end(start_naive, end_naive, all_day):
    """When an occurrence is over: its end, else the end of its day."""
    if end_naive is not None:
        return end_naive
    return dt.datetime.combine(start_naive.date() + dt.timedelta(days=1), dt.time())


def expand(start_naive, end_naive, all_day, recurrence, zone):
    """``[(start, end), …]`` aware in ``zone``, keeping the wall-clock time of day."""
    length = effective_end(start_naive, end_naive, all_day) - start_naive
    starts = list(recurrence.rule(start_naive)) if recurrence else [start_naive]
    return tuple((local(s, zone), local(s + length, zone)) for s in starts)
