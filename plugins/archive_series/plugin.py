"""Signal wiring for series and threads.

- ``initialized``: check the SERIES_ settings once, at start-up.
- ``generator_init``: the ``sv_file_size`` filter for every template
  (attachments are shown on article pages, written by Pelican's generator).
- ``get_generators``: :class:`SeriesGenerator` runs after the articles are
  read: it needs all of them to resolve ``follows`` and group series, and it
  writes pages of its own (/serie/…).
- archive_model's ``build_started``: the series pages are declared
  (files.plan_output), so no page's slug: can claim them.
- ``all_generators_finalized``: cross-page errors (dangling ``follows``,
  cycles, an agenda written twice) are reported to the build's errors, in
  the content model's one-line format, unless a page could not be read: it
  would make every ``follows`` to it look dangling.
- ``content_read_again`` (archive_model/read_again.py, the preview's saved
  page): its agenda is taken from its text again and its thread shows it as
  saved; a changed series, ``follows`` or date, or a new page in a thread or
  (unless a draft) in a series, waits for the rebuild.
"""

from __future__ import annotations

from dataclasses import replace

from archive_model.build import build_of, build_started, reports_faults
from archive_model.contents import read_errors
from archive_model.files import plan_output
from archive_model.read_again import CannotPreview, content_read_again
from pelican import signals
from pelican.contents import Article

from .agenda import agenda_from_text
from .filters import FILTERS
from .generator import SeriesGenerator
from .settings import series_settings


def check_settings(pelican):
    series_settings(pelican.settings)


def plan_series_pages(_build, settings=None, **_kwargs):
    config = series_settings(settings)
    for name in ("SERIES_INDEX_SAVE_AS", "SERIES_SAVE_AS"):
        plan_output(settings, config[name], "mötesseriernas sidor")


def add_filters(generator):
    generator.env.filters.update(FILTERS)


def series_generator(pelican):
    return SeriesGenerator


@reports_faults
def report_thread_errors(generators):
    if read_errors(generators):
        return  # archive_model reports those; ours may only be their echo
    errors = [e for g in generators if isinstance(g, SeriesGenerator) for e in g.errors]
    build_of(generators[0].settings).errors.report(errors)


def read_again(page, last, context, **_kwargs):
    """The saved page's own part of what SeriesGenerator works out."""
    if not isinstance(page, Article):
        return ()  # static pages are in no thread or series
    if last is None:
        _new_page(page, context)
    elif _place_in_archive(page) != _place_in_archive(last):
        raise CannotPreview("serien, follows eller datumet ändrades")
    else:
        page.thread = [replace(entry, page=page) if entry.page is last else entry for entry in last.thread]
    if agenda_from_text(page, series_settings(page.settings)["SERIES_AGENDA_HEADINGS"]):
        raise CannotPreview("dagordningen står två gånger")
    return ("agenda", "thread")


def _new_page(page, context):
    """A new page in no thread yet. A draft in a series links to its series
    page, as drafts are in no meeting list; a published one changes the
    series' meetings, and ``follows`` a thread: both need the whole archive."""
    series = getattr(page, "series", None)
    if getattr(page, "follows", None) or (series and page.status != "draft"):
        raise CannotPreview("en ny sida i en tråd eller en publicerad sida i en serie")
    page.follows_page, page.followed_by, page.thread = None, [], []
    if series:
        page.series_view = next(v for v in context["SERIES_VIEWS"] if v.slug == series.slug)
        page.series_previous, page.series_next = page.series_view.neighbours(page)


def _place_in_archive(page):
    """What the page's thread and series are worked out from."""
    series, follows = getattr(page, "series", None), getattr(page, "follows", None)
    return getattr(series, "slug", series), getattr(follows, "slug", follows), page.date


def register():
    signals.initialized.connect(check_settings)
    build_started.connect(plan_series_pages)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(series_generator)
    signals.all_generators_finalized.connect(report_thread_errors)
    content_read_again.connect(read_again)
