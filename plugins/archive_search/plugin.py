"""Signal wiring for search.

- ``generator_init``: templates get ``search_record(item)`` (the facts a page
  gives the index, printed by partials/search_meta.html) and ``SEARCH`` (the
  search page's URL and the bundle folder, for the header form and search.js).
- ``get_generators``: the search page is a page of its own, written by
  :class:`SearchPageGenerator`.
- ``all_generators_finalized`` (a build starts writing) and ``content_written``
  (one file written): the indexed pages this build wrote, so that Pagefind is
  given only them. Per build: ``invoke serve`` builds many times in one process.
- ``finalized``: Pagefind reads the written HTML, so it runs once everything is
  written; a failure stops the build with Pagefind's message.
"""

from __future__ import annotations

import os
import shutil

from pelican import signals

from archive_model.registry import load_registry
from archive_model.settings import registry_path

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


# Absolute paths of the files this build wrote that are indexed pages.
_indexed_written = set()


def written_record(context):
    """The search record of the page a template rendered with ``context``, or
    None: the item partials/search_meta.html picks (``article``, else
    ``page``) and the test article.html and page.html use to put
    data-pagefind-body on <main>."""
    item = context.get("article", context.get("page"))
    if item is None:
        return None
    return search_record(item, load_registry(registry_path(context)))


def start_build(generators):
    _indexed_written.clear()
    if generators:
        # A staging folder left by a killed build must not reach the
        # sitemap, which walks the output before the index is built.
        options = search_settings(generators[0].settings)
        shutil.rmtree(staging_folder(generators[0].output_path, options), ignore_errors=True)


def note_written(path, context=None):
    # Pelican sends this for every page it renders, also when
    # ChangedOnlyWriter leaves an unchanged file as it was.
    if context is not None and written_record(context):
        _indexed_written.add(path)


def index_written_site(pelican):
    known = [os.path.relpath(path, pelican.output_path) for path in _indexed_written]
    try:
        build_index(pelican.output_path, search_settings(pelican.settings), known)
    finally:
        _indexed_written.clear()


def register():
    signals.generator_init.connect(add_template_tools)
    signals.get_generators.connect(search_page_generator)
    signals.all_generators_finalized.connect(start_build)
    signals.content_written.connect(note_written)
    signals.finalized.connect(index_written_site)
