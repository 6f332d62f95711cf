"""The few event facts series pages need, read from the content model.

The events plugin's typed ``Event`` (aware ``start``, ``all_day``,
``occurrences`` as ``(start, end)`` pairs, ``theme`` on planned meetings) is
the interface this plugin is written against. Until every page carries one,
the raw front-matter mappings the foundation reader kept are read here too:
this is the only place that knows both shapes, so it can be deleted when the
raw form is gone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from archive_model.dates import parse_datetime
from archive_model.settings import TIMEZONE


@dataclass(frozen=True)
class Moment:
    """When something takes place: an aware start, and whether it is all day."""

    start: dt.datetime
    all_day: bool

    @property
    def day(self):
        return self.start.date()


def _field(value, name, default=None):
    if isinstance(value, dict):
        return value.get(name, default)
    return getattr(value, name, default)


def _moment(value):
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=TIMEZONE)
        return value.astimezone(TIMEZONE), None
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), TIMEZONE), True
    parsed, has_time = parse_datetime(value)
    return parsed.replace(tzinfo=TIMEZONE), not has_time


def event_moments(event):
    """Every time an event takes place (recurrences expanded), oldest first."""
    if not event:
        return []
    start, guessed_all_day = _moment(_field(event, "start") or _field(event, "date"))
    all_day = _field(event, "all_day", guessed_all_day)
    all_day = bool(all_day if all_day is not None else False)
    occurrences = _field(event, "occurrences") or ()
    starts = [occurrence[0] if isinstance(occurrence, tuple) else _field(occurrence, "start") for occurrence in occurrences]
    moments = [Moment(_moment(s)[0], all_day) for s in starts if s is not None]
    return moments or [Moment(start, all_day)]


def first_moment(event):
    moments = event_moments(event)
    return moments[0] if moments else None


def location(event):
    return _field(event, "location") or ""


def theme(planned):
    return _field(planned, "theme") or ""
