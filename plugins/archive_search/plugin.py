"""Signal wiring for search.

- archive_model's ``build_started`` also declares the search page and
  Pagefind's folder (files.plan_output): no page's slug: can claim them.
- ``generator_init``: templates get ``search_record(item)`` (the facts a page
  gives the index, printed by partials/search_meta.html) and ``SEARCH`` (the
  search page's URL and the bundle folder, for the header form and search.js).
- ``get_generators``: the search page is a page of its own, written by
  :class:`SearchPageGenerator`.
- archive_model's ``build_started``: a Pagefind still running for an
  earlier, failed or stale build is stopped.
- ``all_generators_finalized`` (a build starts writing): a staging folder
  left by a failed or stale build is removed.
- ``article_writer_finalized`` then ``page_writer_finalized``: every indexed
  page is written, so Pagefind starts while the rest is written.
- ``finalized``: wait for Pagefind (or run it, if it could not start early)
  and swap its bundle in; a failure stops the build with Pagefind's message.
"""

from __future__ import annotations

import atexit
import shutil
from dataclasses import dataclass

from archive_model.build import build_of, build_started
from archive_model.files import plan_output
from pelican import signals

from .generator import SearchPageGenerator
from .indexer import build_index, finish_index, staging_folder, start_index
from .records import search_record
from .settings import search_settings


def add_template_tools(generator):
    registry = build_of(generator.settings).registry
    options = search_settings(generator.settings)
    generator.env.globals.update(
        search_record=lambda item: search_record(item, registry),
        SEARCH={"url": options["SEARCH_URL"], "bundle": options["SEARCH_BUNDLE_DIR"] + "/"},
    )


def search_page_generator(pelican):
    return SearchPageGenerator


# Pagefind starts as soon as every page it indexes is written: Pelican writes
# articles (ArticlesGenerator), then static pages (PagesGenerator); the
# calendars, administrations' and series pages and static files written after
# them are never indexed. It then runs on its CPU while they are written on
# the other, and `finalized` only waits for it (issue #10: ~7 s at 10,000 pages).
@dataclass
class EarlyIndex:
    """What this plugin keeps of one build (``Build.state``)."""

    articles_written: bool = False
    run: object = None  # the IndexRun, once Pagefind has started


STATE = "archive_search"


def early_index(settings):
    return build_of(settings).state.setdefault(STATE, EarlyIndex())


def abandon_previous(_build, previous=None, **_kwargs):
    """archive_model's build_started: nothing of an earlier, failed or stale
    build may run on while the next one writes."""
    if previous is not None:
        _abandon(previous.state.get(STATE))


def start_build(generators):
    """A staging folder left by a failed or stale build is removed."""
    if generators:
        options = search_settings(generators[0].settings)
        shutil.rmtree(staging_folder(generators[0].output_path, options), ignore_errors=True)


def note_articles_written(generator, **_kwargs):
    early_index(generator.settings).articles_written = True


def start_indexing(generator, **_kwargs):
    early = early_index(generator.settings)
    if early.articles_written and early.run is None:
        early.run = start_index(generator.output_path, search_settings(generator.settings))
        # Pagefind dies with the process (the preview's Ctrl+C), not after it.
        atexit.register(early.run.abandon)


def index_written_site(pelican):
    early = early_index(pelican.settings)
    superseded = build_of(pelican.settings).superseded
    run, early.run = early.run, None
    if run is None:
        build_index(pelican.output_path, search_settings(pelican.settings), superseded)
        return
    atexit.unregister(run.abandon)
    finish_index(run, superseded)


def plan_search_files(_build, settings=None, **_kwargs):
    options = search_settings(settings)
    plan_output(settings, options["SEARCH_SAVE_AS"], "söksidan")
    plan_output(settings, options["SEARCH_BUNDLE_DIR"].strip("/") + "/", "sökindexet (Pagefind)")


def _abandon(early):
    if early is not None and early.run is not None:
        run, early.run = early.run, None
        atexit.unregister(run.abandon)
        run.abandon()


def register():
    build_started.connect(abandon_previous)
    build_started.connect(plan_search_files)
    signals.generator_init.connect(add_template_tools)
    signals.get_generators.connect(search_page_generator)
    signals.all_generators_finalized.connect(start_build)
    signals.article_writer_finalized.connect(note_articles_written)
    signals.page_writer_finalized.connect(start_indexing)
    signals.finalized.connect(index_written_site)
