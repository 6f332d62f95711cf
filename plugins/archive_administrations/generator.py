"""Writes the administrations' pages: one front door each, the overview, and
an Atom feed each.

A Generator (not a signal) because it writes new files; it runs after
Pelican's ArticlesGenerator, so the published articles are in the context
when ``generate_context`` groups them, and it reads the events plugin's
occurrences only in ``generate_output``, after every generator has filled
the context, so plugin order does not matter.
"""

from __future__ import annotations

import hashlib
import logging
import os
from functools import partial

from archive_model.build import build_of
from archive_model.errors import did_you_mean
from archive_model.files import write_output
from archive_model.reader import display_path
from archive_model.settings import registry_path
from pelican.generators import Generator

from .settings import administration_settings

logger = logging.getLogger(__name__)


class AdministrationsGenerator(Generator):
    def generate_context(self):
        self.options = administration_settings(self.settings)
        registry = build_of(self.settings).registry
        articles = self.context.get("articles", [])
        # Primary administrations (the four that own a challenge) first, then
        # the others, each group in the registry's order.
        entries = sorted(registry.administrations.values(), key=lambda e: not e.primary)
        self.administrations = [
            (entry, [a for a in articles if entry in tagged(a)])
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
                    "%s: förvaltningen '%s': utmaningen '%s' finns inte bland de "
                    "publicerade sidorna — %s",
                    display_path(registry_path(self.settings)), admin.slug, admin.challenge, hint,
                )
        self.colours_css, stylesheet = colour_stylesheet(
            [admin for admin, _ in self.administrations],
            self.options["ADMINISTRATIONS_COLOURS_SAVE_AS"],
        )
        # Templates get (Administration, articles) pairs like Pelican's `tags`,
        # the overview's URL, and the colours' stylesheet (None without colours).
        self._update_context(("administrations",))
        self.context["ADMINISTRATIONS_URL"] = self.options["ADMINISTRATIONS_URL"]
        self.context["ADMINISTRATIONS_STYLESHEET"] = stylesheet

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
                calendar_url=self._calendar_url(admin),
                url=admin.url,
                page_name=admin.page_name,
                template_name="administration",
            )
            if admin.feed_url:
                # Like Pelican's CATEGORY_FEED_ATOM_URL: the public URL when
                # it differs from the path written.
                public = self.options["ADMINISTRATION_FEED_ATOM_URL"]
                writer.write_feed(
                    articles, self.context, admin.feed_url,
                    public.format(slug=admin.slug) if public else admin.feed_url,
                    feed_title=admin.name,
                )
        if self.colours_css:
            path = os.path.join(self.output_path, self.context["ADMINISTRATIONS_STYLESHEET"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_output(self.settings, path, self.colours_css.encode("utf-8"))
        write(
            self.options["ADMINISTRATIONS_SAVE_AS"],
            self.get_template("administrations"),
            self.context,
            url=self.options["ADMINISTRATIONS_URL"],
            template_name="administrations",
        )

    def _latest(self, articles):
        wanted = set(self.options["ADMINISTRATIONS_LATEST_TYPES"])
        latest = sorted(
            (a for a in articles if a.type.slug in wanted), key=lambda a: a.date, reverse=True
        )
        return latest[: self.options["ADMINISTRATIONS_LATEST_COUNT"]]

    def _upcoming(self, admin, occurrences):
        """The administration's next events, or None without the events plugin."""
        if occurrences is None:
            return None
        upcoming = [o for o in occurrences if o.is_upcoming and admin in tagged(o.article)]
        return upcoming[: self.options["ADMINISTRATIONS_UPCOMING_COUNT"]]

    def _calendar_url(self, admin):
        """The events plugin's .ics for this administration, or None without it."""
        events = self.context.get("EVENTS")
        pattern = events.get("EVENTS_ICS_ADMINISTRATION") if events else None
        return pattern.format(slug=admin.slug) if pattern else None


def tagged(article):
    """The article's administrations (pages without the field have none)."""
    return getattr(article, "administrations", None) or ()


def colour_stylesheet(administrations, save_as):
    """(CSS, path) giving each administration with a registry colour its
    --la-administration-colour; ("", None) when none has one.

    A file, not style attributes: the Content-Security-Policy forbids inline
    styles. Named by its content's hash so browsers never keep an old one.
    """
    css = "".join(
        f'[data-la-administration="{admin.slug}"] '
        f"{{ --la-administration-colour: {admin.colour}; }}\n"
        for admin in administrations if admin.colour
    )
    if not css:
        return "", None
    return css, save_as.format(hash=hashlib.sha256(css.encode()).hexdigest()[:10])
