"""Series: the meetings of each series (pages of one meeting, such as its
invitation and its minutes, are joined by `follows`), the dates its pages
announce without a page of their own (`related_events`, `planned_meetings`),
the next meeting, and each page's previous and next meeting."""

from __future__ import annotations

import datetime as dt
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
    """One meeting of a series and the pages about it, oldest page first.

    A meeting only announced by a page of the series (one of its
    `related_events` or `planned_meetings`) has no pages: ``sources`` are the
    pages that announce it, and a link to it leads to the latest of them."""

    moment: Moment
    pages: list
    theme: str = ""
    moments: list = field(default_factory=list)  # every time it takes place
    entries: list = field(default_factory=list)  # (label, page): "Inbjudan", "Mötesanteckningar", …
    place: str = ""  # where its event says it is held
    name: str = ""  # an announced meeting's own title ("Forskningsfrukost om …")
    sources: list = field(default_factory=list)

    @property
    def announced(self):
        return not self.pages

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
        return self.minutes or self.invitation or (self.pages or self.sources)[-1]

    @property
    def title(self):
        return self.theme or self.name or self.main.title


@dataclass
class SeriesView:
    """Everything /serie/<slug>/ shows."""

    series: object
    url: str
    save_as: str
    meetings: list  # oldest first, announced ones among them
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
    def last_with_pages(self):
        """The latest meeting the archive has pages about."""
        return next((m for m in reversed(self.meetings) if not m.announced), None)

    @property
    def next_meeting(self):
        return self.upcoming[0] if self.upcoming else None

    @property
    def next_theme(self):
        """The next meeting's theme: a planned or related event's own, or its page's."""
        upcoming = self.next_meeting
        if upcoming is None:
            return ""
        return upcoming.event.theme if upcoming.event.key != "event" else getattr(upcoming.article, "theme", "")

    def neighbours(self, page):
        """``(previous meeting, next meeting)`` for a page of this series: the
        nearest meetings before and after its own that do not lead back to it
        (the dates it announces itself are on the page)."""
        own = [index for index, meeting in enumerate(self.meetings) if page in meeting.pages]
        if not own:
            return None, None
        before = [m for m in self.meetings[:own[0]] if m.main is not page]
        after = [m for m in self.meetings[own[-1] + 1:] if m.main is not page]
        return (before[-1] if before else None), (after[0] if after else None)


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
    place = next((p.event.place for p in pages if getattr(p, "event", None)), "")
    return Meeting(moments[0], pages, theme, moments, place=place)


# How an announced date's page is named beside it: a planned meeting is
# the series' own promise, a related event one the page mentions.
ANNOUNCED_LABELS = {"planned": "Planeras i", "related": "Nämns i"}


def announced_meetings(pages, held_days):
    """Every date the pages announce (each occurrence of a related event, each
    planned meeting) that is not a day of a meeting with a page, one meeting
    per day; a date announced twice lists both pages."""
    announced = {}
    for page in sorted(pages, key=sort_key):
        events = [*(getattr(page, "related_events", None) or ()), *(getattr(page, "planned_meetings", None) or ())]
        for event in events:
            for start, _end in event.occurrences or ((event.start, None),):
                moment = Moment(start, event.all_day)
                if moment.day in held_days:
                    continue
                meeting = announced.setdefault(moment.day, Meeting(moment, [], moments=[moment]))
                meeting.theme = meeting.theme or event.theme
                meeting.name = meeting.name or event.title
                meeting.place = meeting.place or event.place
                entry = (ANNOUNCED_LABELS["planned" if event.is_planned else "related"], page)
                if entry not in meeting.entries:
                    meeting.entries.append(entry)
                if page not in meeting.sources:
                    meeting.sources.append(page)
    return list(announced.values())


def series_view(series, pages, targets, url, save_as, type_labels):
    meetings = group_meetings(pages, targets)
    for meeting in meetings:
        meeting.entries = [(type_labels.get(p.type.slug) or p.type.label, p) for p in meeting.pages]
    held_days = {moment.day for meeting in meetings for moment in meeting.moments}
    meetings += announced_meetings(pages, held_days)
    meetings.sort(key=lambda m: (m.moment.start, sort_key(m.main)))
    return SeriesView(series, url, save_as, meetings)


def upcoming_meetings(view, occurrences):
    """Every upcoming occurrence of the series' pages' events (their own,
    related and planned) among the events plugin's occurrences."""
    return [
        o for o in occurrences
        if o.is_upcoming and getattr(getattr(o.article, "series", None), "slug", None) == view.slug
    ]
