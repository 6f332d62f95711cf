"""Writes the administrations' pages: one front door each, the overview, and
an Atom feed each.

A Generator (not a signal) because it writes new files; it runs after
Pelican's ArticlesGenerator, so the published articles are in the context
when ``generate_context`` groups them, and it reads the events plugin's
occurrences only in ``generate_output``, after every generator has filled
the context, so plugin order does not matter.
"""

from __future__ import annotations

import logging
from functools import partial

from archive_model.errors import did_you_mean
from archive_model.reader import display_path
from archive_model.registry import load_registry
from archive_model.settings import registry_path
from pelican.generators import Generator

from .settings import check_settings
from .taxonomy import Administration

logger = logging.getLogger(__name__)


class AdministrationsGenerator(Generator):
    def generate_context(self):
        self.options = check_settings(self.settings)
        registry = load_registry(registry_path(self.settings))
        articles = self.context.get("articles", [])
        # Primary administrations (the four that own a challenge) first, then
        # the others, each group in the registry's order.
        entries = sorted(registry.administrations.values(), key=lambda e: not e.primary)
        self.administrations = [
            (Administration(entry, self.settings), [a for a in articles if entry in getattr(a, "administrations", ())])
            for entry in entries
        ]
        by_slug = {article.slug: article for article in articles}
        self.challenges = {}
        for admin, _ in self.administrations:
            if admin.challenge in by_slug:
                self.challenges[admin.slug] = by_slug[admin.challenge]
            elif admin.challenge:
                # A warning, not a content error: a site built from part of
                # the content (the small test fixtures) has no challenges.
                # `--fatal warnings` makes it stop a build, and the real
                # site's tests check every front door links its challenge.
                challenges = [a.slug for a in articles if a.type.slug == "utmaning"]
                hint = (
                    did_you_mean(admin.challenge, challenges) if challenges
                    else "det finns ingen publicerad sida av typen utmaning"
                )
                logger.warning(
                    "%s: förvaltningen '%s': utmaningen '%s' finns inte bland de publicerade sidorna — %s",
                    display_path(registry_path(self.settings)), admin.slug, admin.challenge, hint,
                )
        # Templates get (Administration, articles) pairs like Pelican's `tags`,
        # and the overview's URL for links to it.
        self._update_context(("administrations",))
        self.context["ADMINISTRATIONS_URL"] = self.options["ADMINISTRATIONS_URL"]

    def generate_output(self, writer):
        write = partial(writer.write_file, relative_urls=self.settings["RELATIVE_URLS"])
        occurrences = self.context.get("EVENT_OCCURRENCES")
        for admin, articles in self.administrations:
            write(
                admin.save_as,
                self.get_template("administration"),
                self.context,
                administration=admin,
                articles=articles,
                paginated={"articles": articles},
                challenge=self.challenges.get(admin.slug),
                latest=self._latest(articles),
                upcoming_events=self._upcoming(admin, occurrences),
                calendar_url=self._calendar_url(admin, occurrences),
                url=admin.url,
                page_name=admin.page_name,
                template_name="administration",
            )
            if admin.feed_url:
                # Like Pelican's CATEGORY_FEED_ATOM_URL: the public URL when
                # it differs from the path written.
                public = self.settings.get("ADMINISTRATION_FEED_ATOM_URL")
                writer.write_feed(
                    articles, self.context, admin.feed_url,
                    public.format(slug=admin.slug) if public else admin.feed_url,
                    feed_title=admin.name,
                )
        write(
            self.options["ADMINISTRATIONS_SAVE_AS"],
            self.get_template("administrations"),
            self.context,
            url=self.options["ADMINISTRATIONS_URL"],
            template_name="administrations",
        )

    def _latest(self, articles):
        wanted = set(self.options["ADMINISTRATIONS_LATEST_TYPES"])
        latest = sorted((a for a in articles if a.type.slug in wanted), key=lambda a: a.date, reverse=True)
        return latest[: self.options["ADMINISTRATIONS_LATEST_COUNT"]]

    def _upcoming(self, admin, occurrences):
        """The administration's next events, or None without the events plugin."""
        if occurrences is None:
            return None
        upcoming = [o for o in occurrences if o.is_upcoming and admin in getattr(o.article, "administrations", ())]
        return upcoming[: self.options["ADMINISTRATIONS_UPCOMING_COUNT"]]

    def _calendar_url(self, admin, occurrences):
        pattern = self.options["ADMINISTRATION_CALENDAR_URL"]
        if occurrences is None or not pattern:
            return None
        return pattern.format(slug=admin.slug)
