"""The calendar generator: puts every event occurrence into the shared
template context, then writes /kalender/ and the .ics files."""

from __future__ import annotations

import logging
import os

from archive_model.build import build_of
from archive_model.files import write_output
from archive_model.settings import resolve_build_date, site_zone
from pelican.generators import Generator

from .ics import ComponentBytes
from .occurrences import (
    calendar_events,
    collect_occurrences,
    past_by_year,
    replaced_planned_meetings,
)
from .settings import events_settings

logger = logging.getLogger(__name__)


class CalendarGenerator(Generator):
    """Runs after the articles generator (plugins' generators come later),
    so the published articles are in the context when it reads them."""

    def generate_context(self):
        self.config = events_settings(self.settings)
        articles = self.context.get("articles", [])
        replaced = replaced_planned_meetings(articles)
        self.pairs = calendar_events(articles, replaced)
        occurrences = collect_occurrences(self.pairs, resolve_build_date(self.settings))
        upcoming = [o for o in occurrences if o.is_upcoming]
        past = [o for o in reversed(occurrences) if not o.is_upcoming]
        self.calendars = self._calendars()
        self.context.update(
            EVENTS=self.config,
            EVENT_OCCURRENCES=occurrences,
            EVENT_UPCOMING=upcoming,
            EVENT_PAST=past,
            EVENT_PAST_BY_YEAR=past_by_year(occurrences),
            EVENT_REPLACED=replaced,
            EVENT_CALENDARS=[{**{k: v for k, v in c.items() if k != "pairs"}, "has_events": bool(c["pairs"])}
                             for c in self.calendars],
        )

    def _calendars(self):
        """Subscribable calendars: the whole site, each administration, each
        type. Each is written even while it has no events, so an address once
        offered keeps working; the calendar page offers those with events."""
        registry = build_of(self.settings).registry
        config = self.config
        site = self.settings["SITENAME"]
        calendars = [{"kind": "alla", "name": "Alla händelser", "url": config["EVENTS_ICS_ALL"], "pairs": self.pairs,
                      "description": f"Alla händelser i {site}, också de som har varit. Tiderna är svensk tid."}]
        for admin in registry.administrations.values():
            pairs = [(a, e) for a, e in self.pairs if admin in (getattr(a, "administrations", None) or [])]
            calendars.append({"kind": "forvaltning", "name": admin.name, "abbreviation": admin.abbreviation,
                              "url": config["EVENTS_ICS_ADMINISTRATION"].format(slug=admin.slug), "pairs": pairs,
                              "description": f"Händelser i {site} som rör {admin.name}. Tiderna är svensk tid."})
        for content_type in registry.types.values():
            pairs = [(a, e) for a, e in self.pairs if a.type.slug == content_type.slug]
            calendars.append({"kind": "typ", "name": content_type.plural,
                              "url": config["EVENTS_ICS_TYPE"].format(slug=content_type.slug), "pairs": pairs,
                              "description": f"Händelser i {site} på sidor av typen {content_type.label.lower()}. "
                                             "Tiderna är svensk tid."})
        return calendars

    def _links(self, ics_url, page_url):
        """SOURCE (where the calendar is fetched again) and URL (the page it
        belongs to), absolute; none when there is no absolute base."""
        base = self.config["EVENTS_SITE_URL"]
        return {"source": f"{base}/{ics_url}", "page": f"{base}/{page_url}"} if base else {}

    def generate_output(self, writer):
        writer.write_file(
            self.config["EVENTS_CALENDAR_SAVE_AS"],
            self.get_template("calendar"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=self.config["EVENTS_CALENDAR_URL"],
        )
        components = ComponentBytes(site_zone(self.settings), self.pairs, self.config)
        sitename = self.settings["SITENAME"]
        for calendar in self.calendars:
            name = f"{sitename} – {calendar['name']}"
            links = self._links(calendar["url"], self.config["EVENTS_CALENDAR_URL"])
            self._write(calendar["url"], components.calendar(
                name, calendar["pairs"], description=calendar["description"], **links))
        pages = {}
        for article, event in self.pairs:
            pages.setdefault(article.url, (article, []))[1].append((article, event))
        for article, pairs in pages.values():
            name = f"{sitename} – {article.title}"
            url = self.config["EVENTS_PAGE_ICS"].format(url=article.url)
            description = f"Händelserna på sidan ”{article.title}” i {sitename}. Tiderna är svensk tid."
            self._write(url, components.calendar(name, pairs, description=description, **self._links(url, article.url)))
        logger.info("Kalendrar: %d händelser, %d .ics-filer", len(self.pairs), len(self.calendars) + len(pages))

    def _write(self, relative, data):
        path = os.path.join(self.output_path, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_output(self.settings, path, data)
