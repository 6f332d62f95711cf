"""Pelican in-process for the invoke tasks: read, validate, write.

Pelican's own ``Pelican.run()`` does the same steps in one go; splitting it
lets ``invoke check`` stop after validation (no writer ever runs), lets the
preview stop a build a newer save made stale, and shows progress on long
builds.
``pelican content -s pelicanconf.py`` alone still builds the same site.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
import time

from archive_model.build import build_of
from archive_model.errors import ContentErrors
from archive_model.interruption import Superseded, stop_if_superseded, stop_when
from archive_model.reader import display_path
from archive_model.staging import staged
from pelican import Pelican
from pelican.contents import Static
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals
from pelican.settings import read_settings

LEVEL_NAMES = {logging.WARNING: "varning", logging.ERROR: "fel", logging.CRITICAL: "fel"}


class SwedishLevelFormatter(logging.Formatter):
    def format(self, record):
        name = LEVEL_NAMES.get(record.levelno)
        message = super().format(record)
        return f"{name}: {message}" if name else message


class WarningCounter(logging.Handler):
    """Counts warnings while attached: `invoke check` reports how many."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def init_logging(level=logging.WARNING):
    """One plain handler on stderr: one line per message, greppable in CI."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SwedishLevelFormatter("%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def load_settings(settings_file, content, output, overrides=None):
    """Pelican's settings from ``settings_file`` with the task's folders."""
    override = {"PATH": os.path.abspath(content), "OUTPUT_PATH": os.path.abspath(output)}
    override.update(overrides or {})
    return read_settings(settings_file, override=override)


class Progress:
    """Counts pages read and files written; prints a line at most once per
    ``interval`` seconds, so a 10,000-page build shows it is alive."""

    def __init__(self, stream=sys.stderr, interval=2.0):
        self.stream = stream
        self.interval = interval
        self.pages = self.static = self.written = 0
        self.started = self.shown = time.monotonic()

    def __enter__(self):
        signals.content_object_init.connect(self.on_read)
        signals.content_written.connect(self.on_written)
        signals.feed_written.connect(self.on_written)
        return self

    def __exit__(self, *exc):
        signals.content_object_init.disconnect(self.on_read)
        signals.content_written.disconnect(self.on_written)
        signals.feed_written.disconnect(self.on_written)

    def on_read(self, content):
        if isinstance(content, Static):
            self.static += 1
        else:
            self.pages += 1
        self.tick()

    def on_written(self, path, **_kwargs):
        self.written += 1
        self.tick()

    def tick(self):
        now = time.monotonic()
        if now - self.shown >= self.interval:
            self.shown = now
            print(f"  … {self.status()}", file=self.stream, flush=True)

    def status(self):
        return f"{self.pages} sidor lästa, {self.written} filer skrivna"

    @property
    def seconds(self):
        return time.monotonic() - self.started


def read_site(pelican):
    """Pelican's reading and every plugin's checks, nothing written.

    Returns the generators; raises :class:`ContentErrors` with every problem
    every plugin reported (archive_model.errors.BuildErrors), as the
    ``get_writer`` signal would in ``Pelican.run()``.
    """
    context = pelican.settings.copy()
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = pelican.settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in pelican._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    build_of(pelican.settings).errors.stop_if_any(pelican.settings["PATH"])
    return generators


def write_site(pelican, generators):
    """Pelican's writing phase and ``finalized`` (search index, sitemap).

    In the preview a build that a newer save made stale stops at the next
    written file (archive_model/interruption.py), or while Pagefind runs.
    """
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    writer = pelican._get_writer()
    with written_files_checked(pelican.settings):
        for generator in generators:
            if hasattr(generator, "generate_output"):
                generator.generate_output(writer)
    stop_if_superseded(pelican.settings)
    signals.finalized.send(pelican)


@contextlib.contextmanager
def written_files_checked(settings):
    """After each written file: is this build out of date?"""

    def check(_path, **_kwargs):
        stop_if_superseded(settings)

    signals.content_written.connect(check)
    signals.feed_written.connect(check)
    try:
        yield
    finally:
        signals.content_written.disconnect(check)
        signals.feed_written.disconnect(check)


def drafts(generators):
    """The drafts of this build, articles and pages."""
    found = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found += generator.drafts + generator.drafts_translations
        if isinstance(generator, PagesGenerator):
            found += generator.draft_pages + generator.draft_translations
    return found


def build(pelican, stream=sys.stderr, superseded=None):
    """Read, validate and write one site; prints progress and a summary.

    ``superseded`` (the preview's): says a newer save is waiting; the build
    then stops with :class:`Superseded` (see :func:`write_site`).
    """
    # Built beside the output folder, swapped in whole (archive_model/staging.py).
    with Progress(stream) as progress, stop_when(superseded), staged(pelican):
        generators = read_site(pelican)
        write_site(pelican, generators)
    seconds = f"{progress.seconds:.1f}".replace(".", ",")  # Swedish decimal comma
    print(
        f"Klart: {progress.status()} på {seconds} s → {display_path(pelican.output_path)}",
        file=stream,
    )
    return generators


def check(pelican):
    """Every content problem of the site, as a sorted list; nothing is written."""
    try:
        read_site(pelican)
    except ContentErrors as stop:
        return stop.errors
    return []


def new_pelican(settings):
    return Pelican(settings)


@contextlib.contextmanager
def scratch_folder():
    """An output folder for runs that must not write (``invoke check``)."""
    with tempfile.TemporaryDirectory(prefix="lararkiv-check-") as folder:
        yield folder
        written = [
            os.path.join(root, name) for root, _d, names in os.walk(folder) for name in names
        ]
        if written:
            raise RuntimeError(
                f"invoke check skrev filer, vilket det aldrig ska göra: {written[:5]}"
            )


__all__ = [
    "ContentErrors",
    "Superseded",
    "build",
    "check",
    "init_logging",
    "load_settings",
    "new_pelican",
]
