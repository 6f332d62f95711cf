"""Signal wiring for publishing.

- ``generator_init``: every generator's templates get ``asset_url()``, so
  page templates and other plugins' generators can reference hashed assets,
  and ``CONTENT_SECURITY_POLICY``, the meta tag's policy (headers.py).
- ``get_generators``: :class:`HashedAssetsGenerator` writes the hashed copies
  of the theme's CSS/JS (a Generator, because it writes files).
- ``feed_generated``: each Atom feed gets its own id, title, alternate link,
  language and author (feeds.py; Pelican gives every feed the site's).
- ``finalized``: sitemap.xml and robots.txt list what the build actually
  wrote, including other plugins' pages, so they run after every writer
  (and after archive_speed has removed what is stale); the headers file
  for hosts that read one (headers.py).
"""

from __future__ import annotations

from pelican import signals

from .assets import HashedAssetsGenerator, make_asset_url
from .feeds import complete_feed
from .headers import content_security_policy, write_headers_file
from .sitemap import write_crawler_files


def add_asset_url(generator):
    generator.env.globals["asset_url"] = make_asset_url(generator.settings)
    generator.env.globals["CONTENT_SECURITY_POLICY"] = content_security_policy(generator.settings)


def hashed_assets_generator(_pelican):
    return HashedAssetsGenerator


def register():
    signals.generator_init.connect(add_asset_url)
    signals.get_generators.connect(hashed_assets_generator)
    signals.feed_generated.connect(complete_feed)
    signals.finalized.connect(write_crawler_files)
    signals.finalized.connect(write_headers_file)
