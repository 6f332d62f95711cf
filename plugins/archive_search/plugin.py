"""Signal wiring for search.

- ``generator_init``: templates get ``search_record(item)`` (the facts a page
  gives the index, printed by partials/search_meta.html) and ``SEARCH`` (the
  search page's URL and the bundle folder, for the header form and search.js).
- ``get_generators``: the search page is a page of its own, written by
  :class:`SearchPageGenerator`.
- ``all_generators_finalized`` (a build starts writing): a staging folder
  left by a killed build is removed before anything walks the output.
- ``finalized``: Pagefind reads the written HTML, so it runs once everything is
  written; a failure stops the build with Pagefind's message.
"""

from __future__ import annotations

import shutil

from archive_model.registry import load_registry
from archive_model.settings import registry_path
from pelican import signals

from .generator import SearchPageGenerator
from .indexer import build_index, staging_folder
from .records import search_record
from .settings import search_settings


def add_template_tools(generator):
    registry = load_registry(registry_path(generator.settings))
    options = search_settings(generator.settings)
    generator.env.globals.update(
        search_record=lambda item: search_record(item, registry),
        SEARCH={"url": options["SEARCH_URL"], "bundle": options["SEARCH_BUNDLE_DIR"] + "/"},
    )


def search_page_generator(pelican):
    return SearchPageGenerator


def remove_leftover_staging(generators):
    if generators:
        # The sitemap walks the output before the index is built.
        options = search_settings(generators[0].settings)
        shutil.rmtree(staging_folder(generators[0].output_path, options), ignore_errors=True)


def index_written_site(pelican):
    build_index(pelican.output_path, search_settings(pelican.settings))


def register():
    signals.generator_init.connect(add_template_tools)
    signals.get_generators.connect(search_page_generator)
    signals.all_generators_finalized.connect(remove_leftover_staging)
    signals.finalized.connect(index_written_site)
