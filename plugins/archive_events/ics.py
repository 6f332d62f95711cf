"""iCalendar (RFC 5545) files, written by the icalendar library: folding,
CRLF and escaping are its job, not ours (see FIELD-NOTES.md).

Output is a function of the content only: UIDs come from the page's URL and
the event's key, DTSTAMP, LAST-MODIFIED and SEQUENCE from the page's dates
(published, last updated), each calendar's VTIMEZONE from the years of its
own events. Two builds give the same bytes.

Each event is in about four calendars (its page's, the site's, its
administrations', its type's), and the VTIMEZONE in all of them. The library
serialises each component once (`ComponentBytes`); a calendar is the
library's own envelope with those bytes inside, the same bytes
`Calendar.to_ical()` writes for nested components (tested).
"""

from __future__ import annotations

import datetime as dt

import icalendar
from archive_model.dates import sv_date, sv_time
from archive_model.settings import site_zone
from markupsafe import Markup

PRODID = "-//Helsingborgs stad//Öppna lärarkivet//SV"
ICAL_STATUS = {
    "scheduled": "CONFIRMED",
    "full": "CONFIRMED",
    "cancelled": "CANCELLED",
    # RFC 5545 has no "postponed": the date given is no longer certain.
    "postponed": "TENTATIVE",
    "tentative": "TENTATIVE",
}


def event_years(pairs):
    """``(first, last)`` year of the events' occurrences, or None."""
    years = [start.year for _, event in pairs for start, _ in event.occurrences]
    return (min(years), max(years)) if years else None


def timezone_component(years, zone):
    """The site's time zone as a VTIMEZONE whose transitions cover ``years``
    (first, last) with a year's margin on each side: a client reading an
    event converts it with the rules of its own year, and an event near New
    Year's Eve is not at the edge."""
    first, last = years
    timezone = icalendar.Timezone.from_tzid(zone.key, first_date=dt.date(first - 1, 1, 1), last_date=dt.date(last + 2, 1, 1))
    for observance in timezone.subcomponents:
        _one_rdate_per_line(observance)
    return timezone


def _one_rdate_per_line(observance):
    """The library writes an observance's transitions as one RDATE with a
    list of values; ical.js (Mozilla's, in Thunderbird's lineage and many
    web calendars) reads only the first value, and put every summer after
    the first in winter time. One RDATE per transition reads the same
    everywhere (RFC 5545 allows both)."""
    written = observance.get("RDATE")
    if written is None:
        return
    values = [when.dt for rdate in (written if isinstance(written, list) else [written]) for when in rdate.dts]
    observance.pop("RDATE")
    for value in values:
        observance.add("rdate", value)


def uid(article, event, domain):
    """Stable across builds and edits that keep the page's URL."""
    return f"{article.url}{event.key}@{domain}"


def _aware(when, zone):
    return when if when.tzinfo else when.replace(tzinfo=zone)


def page_date(article):
    """When the page was last changed: its "Senast uppdaterad" (the editor's
    `updated` or, with archive_freshness, the last commit that changed the
    file, as the Atom feeds say), else its `date`. Content and history, not
    the clock: every build of a commit gives the same DTSTAMP."""
    return _aware(getattr(article, "modified", None) or article.date, site_zone(article.settings))


def sequence(article):
    """RFC 5545's revision number, derived rather than counted: whole minutes
    from the page's publication to its last update (0 until it is updated).
    It grows with every later update, which is what clients compare: Google
    Calendar, for one, keeps an imported event unless the SEQUENCE is higher."""
    changed = getattr(article, "modified", None)
    if not changed:
        return 0
    zone = site_zone(article.settings)
    return max(0, int((_aware(changed, zone) - _aware(article.date, zone)).total_seconds() // 60))


def page_link(article, site_url):
    return f"{site_url}/{article.url}"


def calendar_component(name, config, zone, *, description="", source="", page=""):
    """The VCALENDAR's own properties, without components: what a client
    shows and how often it fetches a subscribed calendar again. RFC 7986's
    NAME, DESCRIPTION, SOURCE, URL and REFRESH-INTERVAL, and the X-WR-/
    X-PUBLISHED-TTL names that Outlook, Apple Calendar and Google read."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Published for reading: no invitation to answer, no replies expected.
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", zone.key)
    if source:
        calendar.add("source", source, parameters={"VALUE": "URI"})
    if page:
        calendar.add("url", page, parameters={"VALUE": "URI"})
    refresh = config["EVENTS_ICS_REFRESH"]
    calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(refresh))
    return calendar


class ComponentBytes:
    """The library's bytes of each VEVENT, made once per build and shared by
    every calendar the event is in, and of a VTIMEZONE per span of years."""

    def __init__(self, zone, pairs, config):
        self.zone = zone
        # A calendar without events (a type with none yet) still names its
        # zone (X-WR-TIMEZONE): its VTIMEZONE covers the whole archive's years.
        self.site_years = event_years(pairs) or (2000, 2000)
        self.config = config
        self._events = {}
        self._timezones = {}

    def timezone(self, pairs):
        years = event_years(pairs) or self.site_years
        if years not in self._timezones:
            self._timezones[years] = timezone_component(years, self.zone).to_ical()
        return self._timezones[years]

    def event(self, article, event):
        key = (id(article), id(event))
        if key not in self._events:
            self._events[key] = vevent(article, event, self.config).to_ical()
        return self._events[key]

    def calendar(self, name, pairs, **properties):
        """One VCALENDAR with the VTIMEZONE and a VEVENT per ``(article, event)``:
        what ``Calendar.to_ical()`` gives with the components added.
        ``properties``: calendar_component's description, source and page."""
        envelope = calendar_component(name, self.config, self.zone, **properties).to_ical()
        # The envelope ends with its END line; the components go before it.
        end = envelope[envelope.rindex(b"END:VCALENDAR"):]
        parts = [envelope[: -len(end)], self.timezone(pairs)]
        parts += [self.event(article, event) for article, event in pairs]
        parts.append(end)
        return b"".join(parts)


def vevent(article, event, config):
    component = icalendar.Event()
    component.add("uid", uid(article, event, config["EVENTS_UID_DOMAIN"]))
    stamp = page_date(article).astimezone(dt.UTC)
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    revision = sequence(article)
    if revision:
        component.add("sequence", revision)
    if event.all_day:
        component.add("dtstart", event.start.date())
        component.add("dtend", event.end.date())
    else:
        component.add("dtstart", event.start)
        if event.end is not None:
            component.add("dtend", event.end)
    if event.recurrence:
        component.add("rrule", event.recurrence.ical(event.start.tzinfo, all_day=event.all_day))
    component.add("summary", summary(event))
    component.add("status", ICAL_STATUS[event.status])
    place = location(event)
    if place:
        component.add("location", place)
    link = page_link(article, config["EVENTS_SITE_URL"])
    component.add("url", link)
    component.add("description", description(article, event, link))
    component.add("categories", [article.type.label])
    return component


def summary(event):
    if event.status == "tentative":
        return f"{event.title} (preliminärt)"
    if event.status == "scheduled":
        return event.title
    return f"{event.status_label}: {event.title}"


def location(event):
    return ", ".join(part for part in (event.place, event.online_url) if part)


def description(article, event, link):
    """Plain text: what the page says in short, and the details a calendar has no field for."""
    lines = []
    page_summary = plain(getattr(article, "summary", "") or "")
    if page_summary and not event.is_planned:
        lines.append(page_summary)
    if event.theme:
        lines.append(f"Tema: {event.theme}")
    if event.note:
        lines.append(event.note)
    if event.recurrence:
        lines.append(f"Återkommer: {event.recurrence.in_words()}.")
    if event.speakers:
        names = [f"{s.name} ({s.affiliation})" if s.affiliation else s.name for s in event.speakers]
        lines.append("Medverkande: " + ", ".join(names))
    if event.organizer:
        lines.append(f"Arrangör: {event.organizer}")
    registration = event.registration
    if registration:
        lines.append(registration_line(registration))
    for session in event.sessions:
        when = sv_date(session.start) + ("" if session.all_day else f" kl. {sv_time(session.start)}")
        lines.append(f"{when}: {session.title}" + (f" – {session.description}" if session.description else ""))
    lines.append(f"Mer information: {link}")
    return "\n".join(lines)


def registration_line(registration):
    """``Anmälan: e-post, telefon (kontakt), senast …. Anmärkning``: what the
    event block's "Anmälan" says, on one line."""
    ways = [w for w in (registration.email, registration.phone, registration.url) if w]
    text = ", ".join(ways)
    if registration.contact:
        text += f" ({registration.contact})" if text else registration.contact
    if registration.deadline:
        when = sv_date(registration.deadline)
        if registration.deadline_has_time:
            when += f" kl. {sv_time(registration.deadline)}"
        text += (", " if text else "") + f"senast {when}"
    if registration.note:
        text += (". " if text else "") + registration.note
    return f"Anmälan: {text}" if text else "Anmälan"


def plain(text):
    """Summaries are stored as escaped HTML; calendars want text."""
    return Markup(text).striptags()
