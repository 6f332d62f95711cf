"""Series: the meetings of each series (pages of one meeting, such as its
invitation and its minutes, are joined by `follows`), the next meeting, the
planned dates that have no page, and each page's previous and next meeting."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from . import events_adapter
from .threads import sort_key


@dataclass
class Meeting:
    """One meeting of a series and the pages about it, oldest page first."""

    moment: events_adapter.Moment
    pages: list
    theme: str = ""
    location: str = ""
    moments: list = field(default_factory=list)  # every time it takes place
    entries: list = field(default_factory=list)  # (label, page): "Inbjudan", "Minnesanteckningar", …

    def _of_type(self, slug):
        return next((p for p in self.pages if p.type.slug == slug), None)

    @property
    def minutes(self):
        return self._of_type("motesanteckningar")

    @property
    def invitation(self):
        return self._of_type("inbjudan")

    @property
    def main(self):
        """The page a link to the meeting leads to: its minutes if written."""
        return self.minutes or self.invitation or self.pages[-1]

    @property
    def title(self):
        return self.theme or self.main.title


@dataclass
class PlannedDate:
    """A date announced for the series (``planned_meetings``) without a page."""

    moment: events_adapter.Moment
    theme: str
    sources: list  # the pages that announced it


@dataclass
class Upcoming:
    moment: events_adapter.Moment
    theme: str
    page: object = None  # the meeting's page, or None for a planned date
    location: str = ""
    sources: list = field(default_factory=list)


@dataclass
class SeriesView:
    """Everything /serie/<slug>/ shows."""

    series: object
    url: str
    save_as: str
    meetings: list  # oldest first
    upcoming: list
    planned: list  # past planned dates without a page, oldest first

    @property
    def slug(self):
        return self.series.slug

    @property
    def meetings_newest_first(self):
        return list(reversed(self.meetings))

    @property
    def next_meeting(self):
        return self.upcoming[0] if self.upcoming else None

    @property
    def planned_by_year(self):
        return [(year, list(dates)) for year, dates in itertools.groupby(self.planned, lambda d: d.moment.start.year)]

    def neighbours(self, page):
        """``(previous meeting, next meeting)`` for a page of this series."""
        for index, meeting in enumerate(self.meetings):
            if page in meeting.pages:
                previous = self.meetings[index - 1] if index else None
                following = self.meetings[index + 1] if index + 1 < len(self.meetings) else None
                return previous, following
        return None, None


def group_meetings(pages, targets):
    """Pages of one series joined into meetings, oldest meeting first: a page
    and the page it follows are the same meeting when both are in the series."""
    parent = {page: page for page in pages}

    def root(page):
        while parent[page] is not page:
            page = parent[page]
        return page

    for page in pages:
        target = targets.get(page)
        if target in parent:
            parent[root(page)] = root(target)
    groups = {}
    for page in sorted(pages, key=sort_key):
        groups.setdefault(root(page), []).append(page)
    return sorted((_meeting(g) for g in groups.values()), key=lambda m: (m.moment.start, sort_key(m.pages[0])))


def _meeting(pages):
    pages = sorted(pages, key=sort_key)
    moments, location = [], ""
    for page in pages:
        event = getattr(page, "event", None)
        if event:
            moments = events_adapter.event_moments(event)
            location = events_adapter.location(event)
            break
    if not moments:
        # No event: minutes are dated the day of the meeting.
        dated = next((p for p in pages if p.type.slug == "motesanteckningar"), pages[0])
        moments = [events_adapter.Moment(dated.date, True)]
    theme = next((p.theme for p in pages if getattr(p, "theme", None)), "")
    return Meeting(moments[0], pages, theme, location, moments)


def series_view(series, pages, targets, build_date, url, save_as, type_labels):
    meetings = group_meetings(pages, targets)
    for meeting in meetings:
        meeting.entries = [(type_labels.get(p.type.slug) or p.type.label, p) for p in meeting.pages]
    held_days = {moment.day for meeting in meetings for moment in meeting.moments}
    upcoming = [
        Upcoming(moment, meeting.theme, meeting.main, meeting.location)
        for meeting in meetings
        for moment in meeting.moments
        if _not_over(moment, build_date)
    ]
    planned = {}
    for page in sorted(pages, key=sort_key):
        for item in getattr(page, "planned_meetings", None) or ():
            moment = events_adapter.first_moment(item)
            if moment.day in held_days:
                continue
            known = planned.setdefault(moment.day, PlannedDate(moment, "", []))
            known.theme = known.theme or events_adapter.theme(item)
            known.sources.append(page)
    for date in planned.values():
        if _not_over(date.moment, build_date):
            upcoming.append(Upcoming(date.moment, date.theme, None, series.place or "", date.sources))
    upcoming.sort(key=lambda u: u.moment.start)
    past = sorted((d for d in planned.values() if not _not_over(d.moment, build_date)), key=lambda d: d.moment.start)
    return SeriesView(series, url, save_as, meetings, upcoming, past)


def _not_over(moment, build_date):
    if moment.all_day:
        return moment.day >= build_date.date()
    return moment.start >= build_date
