"""schema.org Event JSON-LD for a page's own and related events (planned
meetings are promises, not events to announce)."""

from __future__ import annotations

import json

from markupsafe import Markup

from .ics import page_link, plain

EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "full": "https://schema.org/EventScheduled",
    "tentative": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
}
FREQUENCY = {"daily": "P{n}D", "weekly": "P{n}W", "monthly": "P{n}M", "yearly": "P{n}Y"}
SCHEMA_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
               "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def _moment(value, all_day):
    return value.date().isoformat() if all_day else value.isoformat()


def event_data(article, event, config):
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": _moment(event.start, event.all_day),
        "eventStatus": EVENT_STATUS[event.status],
        "url": page_link(article, config["EVENTS_SITE_URL"]),
    }
    if event.end is not None:
        data["endDate"] = event.last_day.isoformat() if event.all_day else event.end.isoformat()
    summary = plain(getattr(article, "summary", "") or "")
    if summary:
        data["description"] = summary
    places = []
    if event.location or event.address:
        place = {"@type": "Place", "name": event.location or event.address}
        if event.address:
            place["address"] = event.address
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if places:
        data["location"] = places[0] if len(places) == 1 else places
        mode = "Mixed" if len(places) == 2 else "Online" if event.online_url else "Offline"
        data["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    if event.organizer:
        data["organizer"] = {"@type": "Organization", "name": event.organizer}
    if event.speakers:
        data["performer"] = [
            {"@type": "Person", "name": s.name, **({"affiliation": s.affiliation} if s.affiliation else {})}
            for s in event.speakers
        ]
    if event.recurrence:
        data["eventSchedule"] = schedule(event)
    if event.sessions:
        data["subEvent"] = [
            {"@type": "Event", "name": s.title, "startDate": _moment(s.start, s.all_day),
             **({"description": s.description} if s.description else {})}
            for s in event.sessions
        ]
    if event.status == "full":
        data["offers"] = {"@type": "Offer", "availability": "https://schema.org/SoldOut", "url": data["url"]}
    return data


def schedule(event):
    rule = event.recurrence
    data = {
        "@type": "Schedule",
        "repeatFrequency": FREQUENCY[rule.freq].format(n=rule.interval),
        "startDate": event.start.date().isoformat(),
        "scheduleTimezone": event.start.tzinfo.key,
    }
    if not event.all_day:
        data["startTime"] = event.start.strftime("%H:%M")
        if event.end is not None:
            data["endTime"] = event.end.strftime("%H:%M")
    if rule.byday:
        data["byDay"] = [f"https://schema.org/{SCHEMA_DAYS[code]}" for _, code in rule.byday]
        weeks = [ordinal for ordinal, _ in rule.byday if ordinal]
        if weeks:
            data["byMonthWeek"] = weeks
    if rule.bymonthday:
        data["byMonthDay"] = list(rule.bymonthday)
    if rule.count:
        data["repeatCount"] = rule.count
    if rule.until:
        data["endDate"] = rule.until.isoformat()
    return data


def page_jsonld(article, config):
    """The ``<script type="application/ld+json">`` body for one page, or ''."""
    events = [article.event] if getattr(article, "event", None) else []
    events += list(getattr(article, "related_events", []) or [])
    if not events:
        return Markup("")
    data = [event_data(article, event, config) for event in events]
    text = json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False, indent=2, sort_keys=False)
    # "</script>" inside a string must not end the element.
    return Markup(text.replace("<", "\\u003c"))
