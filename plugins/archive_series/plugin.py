"""Signal wiring for series and threads.

- ``initialized``: check the SERIES_ settings once, at start-up.
- ``generator_init``: the ``sv_file_size`` filter for every template
  (attachments are shown on article pages, written by Pelican's generator).
- ``get_generators``: :class:`SeriesGenerator` runs after the articles are
  read: it needs all of them to resolve ``follows`` and group series, and it
  writes pages of its own (/serie/…).
- ``all_generators_finalized``: cross-page errors (dangling ``follows``,
  cycles, an agenda written twice) stop the build before anything is written,
  in the content model's one-line format. Reading errors come first: a page
  that could not be read would make every ``follows`` to it look dangling.
"""

from __future__ import annotations

from archive_model.errors import ContentErrors
from archive_model.plugin import content_errors
from pelican import signals

from .filters import FILTERS
from .generator import SeriesGenerator
from .settings import series_settings


def check_settings(pelican):
    series_settings(pelican.settings)


def add_filters(generator):
    generator.env.filters.update(FILTERS)


def series_generator(pelican):
    return SeriesGenerator


def stop_on_thread_errors(generators):
    if content_errors(generators):
        return  # archive_model reports those; ours may only be their echo
    errors = [e for g in generators if isinstance(g, SeriesGenerator) for e in g.errors]
    if errors:
        raise ContentErrors(sorted(errors, key=lambda e: (e.path, e.line or 0)))


def register():
    signals.initialized.connect(check_settings)
    signals.generator_init.connect(add_filters)
    signals.get_generators.connect(series_generator)
    signals.all_generators_finalized.connect(stop_on_thread_errors)
