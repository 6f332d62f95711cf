"""The series generator: after every page is read it links threads, takes
agendas out of the text, groups series into meetings, and writes the series
pages. Errors found across pages are kept here and raised by the plugin
before anything is written."""

from __future__ import annotations

from archive_model.build import build_of
from pelican.generators import Generator

from .agenda import agenda_from_text
from .meetings import series_view, upcoming_meetings
from .settings import relation_labels, series_settings
from .threads import resolve_follows, sort_key, thread_entries, threads


class SeriesGenerator(Generator):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.errors = []
        self.views = []
        self.config = series_settings(self.settings)

    def generate_context(self):
        published = [*self.context.get("articles", []), *self.context.get("hidden_articles", [])]
        drafts = list(self.context.get("drafts", []))
        every = published + drafts
        for page in every:
            self._agenda(page)
        draft_ids = {id(p) for p in drafts}

        def is_draft(page):
            return id(page) in draft_ids

        targets, errors = resolve_follows(every, is_draft)
        self.errors.extend(errors)
        self._link_threads(every, targets, is_draft)
        self._build_series(every, self.context.get("articles", []), targets)
        self.context["SERIES_VIEWS"] = self.views
        self.context["SERIES_INDEX_URL"] = self.config["SERIES_INDEX_URL"]

    def _agenda(self, page):
        error = agenda_from_text(page, self.config["SERIES_AGENDA_HEADINGS"])
        if error:
            self.errors.append(error)

    def _link_threads(self, pages, targets, is_draft):
        labels = relation_labels(self.config)
        # Who follows each page, in one pass over `targets` (a scan of it per
        # page grew with the square of the archive: issue #10).
        followers = {}
        for follower, target in targets.items():
            followers.setdefault(id(target), []).append(follower)
        for page in pages:
            page.follows_page = targets.get(page)
            page.followed_by = sorted(followers.get(id(page), ()), key=sort_key)
            page.thread = []
        for thread in threads(targets):
            for page in thread:
                # A draft's preview shows the whole thread; a published page
                # never links to drafts.
                visible = (lambda other: True) if is_draft(page) else (lambda other: not is_draft(other))
                entries = thread_entries(page, thread, targets, labels, visible)
                page.thread = entries if len(entries) > 1 else []

    def _build_series(self, every, articles, targets):
        """Series pages list the published pages (not hidden, not drafts);
        every page in a series links to its series page."""
        registry = build_of(self.settings).registry
        by_series = {}
        for page in articles:
            series = getattr(page, "series", None)
            if series:
                by_series.setdefault(series.slug, []).append(page)
        for slug, series in registry.series.items():
            view = series_view(
                series, by_series.get(slug, []), targets,
                self.config["SERIES_URL"].format(slug=slug), self.config["SERIES_SAVE_AS"].format(slug=slug),
                self.config["SERIES_RELATION_LABELS"],
            )
            self.views.append(view)
        views = {view.slug: view for view in self.views}
        for page in every:
            series = getattr(page, "series", None)
            if series:
                page.series_view = views[series.slug]
                page.series_previous, page.series_next = page.series_view.neighbours(page)

    def generate_output(self, writer):
        relative = self.settings.get("RELATIVE_URLS", False)
        # Every generator's context is complete now, the events plugin's too.
        occurrences = self.context.get("EVENT_OCCURRENCES", [])
        for view in self.views:
            view.upcoming = upcoming_meetings(view, occurrences)
            writer.write_file(
                view.save_as, self.get_template("series"), self.context,
                relative_urls=relative, url=view.url, series_view=view,
            )
        writer.write_file(
            self.config["SERIES_INDEX_SAVE_AS"], self.get_template("series_index"), self.context,
            relative_urls=relative, url=self.config["SERIES_INDEX_URL"], series_views=self.views,
        )
