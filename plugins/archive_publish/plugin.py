"""Signal wiring for publishing.

- ``generator_init``: every generator's templates get ``asset_url()``, so
  page templates and other plugins' generators can reference hashed assets.
- ``get_generators``: :class:`HashedAssetsGenerator` writes the hashed copies
  of the theme's CSS/JS (a Generator, because it writes files).
- ``get_writer``: :class:`ChangedOnlyWriter` leaves files whose bytes did
  not change untouched (Pelican's writer rewrites every file every build).
- ``all_generators_finalized``: pages an earlier build into the folder made
  that the content no longer makes (a published draft's /utkast/ page, a
  moved or deleted page) are removed before anything is written
  (stale_outputs.py: the preview writes every build over the last).
- ``article_writer_finalized``: the writer renders the articles' pages it
  recorded, on every core (render_batch.py), before any other generator writes.
- ``feed_generated``: each Atom feed gets its own id, title, alternate link,
  language and author (feeds.py; Pelican gives every feed the site's).
- ``finalized``: the other files an earlier build wrote and this one did not
  are removed (stale_outputs.py); then sitemap.xml and robots.txt list what
  the build actually wrote, including other plugins' pages, so they must run
  after every writer.
"""

from __future__ import annotations

from pelican import signals

from .assets import HashedAssetsGenerator, make_asset_url
from .feeds import complete_feed
from .sitemap import write_crawler_files
from .stale_outputs import remove_stale_files, remove_stale_pages
from .writer import ChangedOnlyWriter


def add_asset_url(generator):
    generator.env.globals["asset_url"] = make_asset_url(generator.settings)


def hashed_assets_generator(_pelican):
    return HashedAssetsGenerator


def changed_only_writer(_pelican):
    return ChangedOnlyWriter


def render_recorded_pages(_generator, writer=None, **_kwargs):
    flush = getattr(writer, "flush", None)
    if flush is not None:
        flush()


def register():
    signals.generator_init.connect(add_asset_url)
    signals.get_generators.connect(hashed_assets_generator)
    signals.get_writer.connect(changed_only_writer)
    signals.all_generators_finalized.connect(remove_stale_pages)
    signals.article_writer_finalized.connect(render_recorded_pages)
    signals.feed_generated.connect(complete_feed)
    signals.finalized.connect(remove_stale_files)  # before the sitemap lists the folder
    signals.finalized.connect(write_crawler_files)
