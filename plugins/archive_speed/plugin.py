"""Signal wiring for the speed machinery. Each receiver makes a step faster
and changes no byte of the site.

- archive_model's ``build_started``: the new build remembers what the
  builds before it in this process made (stale_outputs.py).
- ``article_generator_init``/``page_generator_init``: the generator knows
  the files it will read (and its content cache is loaded), so the files not
  cached are sent to worker processes before reading starts (prefetch.py).
- ``article_generator_pretaxonomy``: tag and category lists that answer
  ``in`` without a scan, just before Pelican files articles under them
  (members.py).
- ``all_generators_finalized``: every page is read, so each URL is worked
  out once (urls.py); pages an earlier build into the folder made that this
  one will not are removed before anything is written (stale_outputs.py).
- ``get_writer``: :class:`ChangedOnlyWriter` leaves files whose bytes did not
  change untouched, and records ArticlesGenerator's pages to render later.
- ``article_writer_finalized``: those pages are rendered on every core
  (render_batch.py) before any other generator writes.
- ``finalized``: the other files an earlier build wrote and this one did
  not are removed (stale_outputs.py). Connected when the plugin registers,
  so before archive_publish writes the sitemap of what is left: PLUGINS
  lists this plugin before archive_publish.
"""

from __future__ import annotations

import os

from archive_model.boundary import behind_link
from archive_model.build import build_of, build_started
from archive_model.reader import ArchiveReader
from pelican import signals

from .members import index_taxonomies
from .prefetch import start_prefetch
from .settings import speed_settings
from .stale_outputs import carry_over, remove_stale_files, remove_stale_pages
from .urls import remember_urls
from .writer import ChangedOnlyWriter


def prefetch_articles(generator):
    _prefetch(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def prefetch_pages(generator):
    _prefetch(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def _prefetch(generator, paths_setting, excludes_setting):
    reader = generator.readers.readers.get("md")
    if not isinstance(reader, ArchiveReader):
        return
    settings = generator.settings
    files = generator.get_files(
        settings[paths_setting],
        exclude=settings[excludes_setting],
        extensions=ArchiveReader.file_extensions,
    )
    links = build_of(settings).links
    to_read = []
    for relative in files:
        path = os.path.abspath(os.path.join(generator.path, relative))
        # Files Pelican's content cache still holds are not read at all, and
        # a file behind a symbolic link is refused by the reader unread.
        if behind_link(path, links) is None and (
            generator.get_cached_data(relative, None) is None
            and generator.readers.get_cached_data(path, None) is None
        ):
            to_read.append(path)
    start_prefetch(reader, to_read, settings)


def indexed_taxonomies(generator):
    if speed_settings(generator.settings)["SPEED_INDEXED_TAXONOMIES"]:
        index_taxonomies(generator)


def urls_once(generators):
    if generators and speed_settings(generators[0].settings)["SPEED_REMEMBER_URLS"]:
        remember_urls(generators)


def changed_only_writer(_pelican):
    return ChangedOnlyWriter


def render_recorded_pages(_generator, writer=None, **_kwargs):
    flush = getattr(writer, "flush", None)
    if flush is not None:
        flush()


def register():
    build_started.connect(carry_over)
    signals.article_generator_init.connect(prefetch_articles)
    signals.page_generator_init.connect(prefetch_pages)
    signals.article_generator_pretaxonomy.connect(indexed_taxonomies)
    signals.all_generators_finalized.connect(urls_once)
    signals.all_generators_finalized.connect(remove_stale_pages)
    signals.get_writer.connect(changed_only_writer)
    signals.article_writer_finalized.connect(render_recorded_pages)
    signals.finalized.connect(remove_stale_files)
