"""Every occurrence of every event of the published articles, and which
planned meetings a real one has since replaced.

A planned meeting ("Kommande möten: 11 februari") is a promise made on one
page; when the series' meeting gets its own page, or a later page repeats the
promise, the calendar shows it once: the real event, or the latest promise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from archive_model.event_model import last_day


@dataclass(frozen=True)
class EventOccurrence:
    """One date of one event, as lists and calendars show it."""

    article: object
    event: object
    start: dt.datetime
    end: dt.datetime
    number: int  # 1-based, within a recurrence
    is_upcoming: bool

    @property
    def title(self):
        return self.event.title

    @property
    def all_day(self):
        return self.event.all_day

    @property
    def has_end(self):
        return self.event.all_day or self.event.end is not None

    @property
    def last_day(self):
        return last_day(self.start, self.end if self.has_end else None, self.all_day)

    @property
    def total(self):
        return len(self.event.occurrences)

    @property
    def year(self):
        return self.start.year


def page_events(article):
    """``[Event, …]`` of one article: its own, related, then planned."""
    events = [article.event] if getattr(article, "event", None) else []
    return events + list(getattr(article, "related_events", []) or []) + list(getattr(article, "planned_meetings", []) or [])


def _series_slug(article):
    series = getattr(article, "series", None)
    return series.slug if series else None


def replaced_planned_meetings(articles):
    """``{(article url, event key): replacing article or None}`` for the
    planned meetings the calendar leaves out. The value is the page of the
    real event when there is one, None when a later promise repeats it."""
    real = {}
    promises = {}
    for article in articles:
        series = _series_slug(article)
        if not series:
            continue
        for event in page_events(article):
            if event.is_planned:
                promises.setdefault((series, event.start.date()), []).append(article)
            else:
                for start, _ in event.occurrences:
                    real.setdefault((series, start.date()), article)
    replaced = {}
    for (series, day), promised in promises.items():
        pages = sorted(promised, key=lambda a: (a.date, a.url))
        keep = None if (series, day) in real else pages[-1]
        for article in pages:
            if article is not keep:
                replaced[(article.url, f"planned-{day:%Y-%m-%d}")] = real.get((series, day))
    return replaced


def calendar_events(articles, replaced):
    """``[(article, event), …]`` that calendars show, in page order."""
    return [
        (article, event)
        for article in articles
        for event in page_events(article)
        if (article.url, event.key) not in replaced
    ]


def collect_occurrences(pairs, now):
    """Every occurrence of the given events, sorted by start."""
    occurrences = [
        EventOccurrence(article, event, start, end, number, end > now)
        for article, event in pairs
        for number, (start, end) in enumerate(event.occurrences, start=1)
    ]
    return sorted(occurrences, key=lambda o: (o.start, o.end, o.article.url, o.event.key, o.number))


def past_by_year(occurrences):
    """``[(year, [occurrence, …]), …]`` of the past ones, newest first."""
    years = {}
    for occurrence in reversed(occurrences):
        if not occurrence.is_upcoming:
            years.setdefault(occurrence.year, []).append(occurrence)
    return sorted(years.items(), reverse=True)
