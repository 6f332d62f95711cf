"""Series: the meetings of each series (pages of one meeting, such as its
invitation and its minutes, are joined by `follows`), the next meeting, the
planned dates that have no page, and each page's previous and next meeting."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from .threads import sort_key


@dataclass(frozen=True)
class Moment:
    """When a meeting takes place: an aware start, and whether it is all day."""

    start: dt.datetime
    all_day: bool

    @property
    def day(self):
        return self.start.date()


def event_moments(event):
    """Every start of a typed event (archive_model.event_model.Event),
    recurrences expanded, oldest first."""
    return [Moment(start, event.all_day) for start, _ in event.occurrences] or [Moment(event.start, event.all_day)]


@dataclass
class Meeting:
    """One meeting of a series and the pages about it, oldest page first."""

    moment: Moment
    pages: list
    theme: str = ""
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

    moment: Moment
    theme: str
    sources: list  # the pages that announced it


@dataclass
class SeriesView:
    """Everything /serie/<slug>/ shows."""

    series: object
    url: str
    save_as: str
    meetings: list  # oldest first
    planned: list  # past planned dates without a page, oldest first
    # Upcoming occurrences of the series' meetings and planned dates, from
    # the events plugin's EVENT_OCCURRENCES (filled in before writing).
    upcoming: list = field(default_factory=list)

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
    def next_theme(self):
        """The next meeting's theme: a planned date's own, or its page's."""
        upcoming = self.next_meeting
        if upcoming is None:
            return ""
        return upcoming.event.theme if upcoming.event.is_planned else getattr(upcoming.article, "theme", "")

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
    moments = next((event_moments(p.event) for p in pages if getattr(p, "event", None)), [])
    if not moments:
        # No event: minutes are dated the day of the meeting.
        dated = next((p for p in pages if p.type.slug == "motesanteckningar"), pages[0])
        moments = [Moment(dated.date, True)]
    theme = next((p.theme for p in pages if getattr(p, "theme", None)), "")
    return Meeting(moments[0], pages, theme, moments)


def series_view(series, pages, targets, build_date, url, save_as, type_labels):  # noqa: PLR0913, PLR0917 — one series' facts, as the generator has them
    meetings = group_meetings(pages, targets)
    for meeting in meetings:
        meeting.entries = [(type_labels.get(p.type.slug) or p.type.label, p) for p in meeting.pages]
    held_days = {moment.day for meeting in meetings for moment in meeting.moments}
    planned = {}
    for page in sorted(pages, key=sort_key):
        for event in getattr(page, "planned_meetings", None) or ():
            moment = Moment(event.start, event.all_day)
            if moment.day in held_days or _not_over(moment, build_date):
                continue  # held, or still to come (the events plugin lists those)
            known = planned.setdefault(moment.day, PlannedDate(moment, "", []))
            known.theme = known.theme or event.theme
            known.sources.append(page)
    past = sorted(planned.values(), key=lambda d: d.moment.start)
    return SeriesView(series, url, save_as, meetings, past)


def upcoming_meetings(view, occurrences):
    """The series' own meetings and planned dates among the events plugin's
    upcoming occurrences (not the other events its pages mention)."""
    return [
        o for o in occurrences
        if o.is_upcoming
        and getattr(getattr(o.article, "series", None), "slug", None) == view.slug
        and (o.event.key == "event" or o.event.is_planned)
    ]


def _not_over(moment, build_date):
    if moment.all_day:
        return moment.day >= build_date.date()
    return moment.start >= build_date
