"""Signal wiring for publishing.

- ``generator_init``: every generator's templates get ``asset_url()``, so
  page templates and other plugins' generators can reference hashed assets,
  ``meta_description()`` (describe.py) for base.html's description, and
  ``CONTENT_SECURITY_POLICY``, the meta tag's policy (headers.py); and a
  template class that puts soft hyphens in every page's long words
  (hyphenation.py).
- ``get_generators``: :class:`HashedAssetsGenerator` writes the hashed copies
  of the theme's CSS/JS (a Generator, because it writes files).
- ``get_generators``: :class:`RedirectsGenerator` writes a redirect page at
  each page's old address (``old_url``), and refuses one another output claims.
- ``feed_generated``: each Atom feed gets its own id, title, alternate link,
  language and author (feeds.py; Pelican gives every feed the site's).
- archive_model's ``build_started``: sitemap.xml, robots.txt and the
  theme's folder are declared (files.plan_output): no page can claim them.
- ``finalized``: sitemap.xml and robots.txt list what the build actually
  wrote, including other plugins' pages, so they run after every writer
  (and after archive_speed has removed what is stale); the headers file
  for hosts that read one (headers.py).
"""

from __future__ import annotations

from archive_model.build import build_started
from archive_model.files import plan_output
from pelican import signals

from .assets import HashedAssetsGenerator, make_asset_url
from .describe import meta_description
from .feeds import complete_feed
from .headers import content_security_policy, write_headers_file
from .hyphenation import hyphenating_template_class
from .redirects import RedirectsGenerator
from .settings import publish_settings
from .sitemap import write_crawler_files


def prepare_templates(generator):
    template_class = hyphenating_template_class(generator.settings)
    if template_class:
        generator.env.template_class = template_class
    generator.env.globals["asset_url"] = make_asset_url(generator.settings)
    generator.env.globals["meta_description"] = meta_description
    generator.env.globals["CONTENT_SECURITY_POLICY"] = content_security_policy(generator.settings)


def hashed_assets_generator(_pelican):
    return HashedAssetsGenerator


def redirects_generator(_pelican):
    return RedirectsGenerator


def plan_site_files(_build, settings=None, **_kwargs):
    options = publish_settings(settings)
    plan_output(settings, options["PUBLISH_SITEMAP_SAVE_AS"], "webbplatskartan")
    plan_output(settings, options["PUBLISH_ROBOTS_SAVE_AS"], "robots.txt")
    plan_output(settings, settings.get("THEME_STATIC_DIR", "theme").strip("/") + "/", "temat")


def register():
    build_started.connect(plan_site_files)
    signals.generator_init.connect(prepare_templates)
    signals.get_generators.connect(hashed_assets_generator)
    signals.get_generators.connect(redirects_generator)
    signals.feed_generated.connect(complete_feed)
    signals.finalized.connect(write_crawler_files)
    signals.finalized.connect(write_headers_file)
