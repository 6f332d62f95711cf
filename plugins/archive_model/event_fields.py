"""Front-matter parsers for events (`event`, `related_events`, `planned_meetings`).

Foundation version: checks the shape only and keeps the raw values; the
events plugin's model replaces it with typed, expanded events.
"""

from __future__ import annotations


def _event(f, value):
    if not isinstance(value, dict) or "start" not in value:
        f.fail("event", "ska vara ett händelseblock med minst 'start'", "skriv event: {start: 2019-02-08 08:15}")
    f.date(("event", "start"), value["start"])
    return {"event": value}


def _related_events(f, value):
    return {"related_events": f.items("related_events", value)}


def _planned_meetings(f, value):
    return {"planned_meetings": f.items("planned_meetings", value)}


EVENT_FIELDS = {
    "event": _event,
    "related_events": _related_events,
    "planned_meetings": _planned_meetings,
}
