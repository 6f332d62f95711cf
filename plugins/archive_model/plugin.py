"""Signal wiring for the content model.

- ``initialized``: pin the build date once, so nothing else reads the clock;
  every ``run()`` builds beside the output folder and swaps it in only when
  whole (staging.py).
- ``get_generators``: the first signal of each build: a new
  :class:`~.build.Build` with the registry read once and empty
  :class:`~.errors.BuildErrors`, which every plugin reports into; every
  symbolic link under content/ is refused (boundary.py).
- ``readers_init``: our reader takes over Markdown files (and Pelican's
  "Could not process FILE" for them, which its content errors say better,
  is filtered out), and is the only reader: Pelican's HTML reader would
  publish an .html file in a type folder as a page, script and all, past
  every check of ours (archive_checks names such a file instead).
- ``generator_init``: Swedish date filters, the registry and the build date
  for every template; the Build in the generator's context.
- ``all_generators_finalized``: every file has been read; the files that
  failed are reported, and every static file not on the allow-list
  (static_files.py: an HTML file, an SVG, a .pdf that is not a PDF).
- ``get_writer``: every plugin has read and checked, nothing is written
  yet: if any plugin reported an error, the build stops here, once, with
  every error sorted by file and line.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from .boundary import link_error, symbolic_links
from .build import BUILD, build_of, reports_faults, start_build
from .contents import read_errors
from .dates import FILTERS
from .reader import ArchiveReader, display_path
from .settings import model_settings, resolve_build_date
from .staging import stage_every_run
from .static_files import static_file_errors


def pin_build_date(pelican):
    # Resolved once per build (not a default): every later reader of
    # ARCHIVE_BUILD_DATE sees the same instant.
    pelican.settings["ARCHIVE_BUILD_DATE"] = resolve_build_date(pelican.settings)


def use_archive_reader(readers):
    for extension in readers.reader_classes:
        if extension != "static":  # BaseReader's: how static files are read
            readers.reader_classes[extension] = None
    for extension in ArchiveReader.file_extensions:
        readers.reader_classes[extension] = ArchiveReader
    for name in ("pelican.generators", "pelican.utils"):
        pelican_logger = logging.getLogger(name)
        if not_a_duplicate not in pelican_logger.filters:
            pelican_logger.addFilter(not_a_duplicate)


# Pelican's English lines that say, without line or fix, what a content
# error of ours says for the same files: a file that could not be read, and
# two pages with one slug (archive_checks' collisions).
DUPLICATED = ("Could not process %s", "There are %s items ", "There are %s original (not translated) items ")


def not_a_duplicate(record):
    """False for such a line about Markdown files only; for a file our reader
    did not read it is all there is, and stays."""
    if not isinstance(record.msg, str) or not record.msg.startswith(DUPLICATED):
        return True
    args = record.args or ()
    if record.msg.startswith("Could not process"):  # Pelican < 4.12 adds the exception
        args = args[:1]
    paths = [str(arg) for arg in args if "/" in str(arg) or os.sep in str(arg)]
    markdown = tuple(f".{e}" for e in ArchiveReader.file_extensions)
    return not paths or not all(path.endswith(markdown) for path in paths)


def add_template_tools(generator):
    build = build_of(generator.settings)
    # The context was copied from the settings before this build started.
    generator.context[BUILD] = build
    generator.env.filters.update(FILTERS)
    generator.env.globals.update(
        REGISTRY=build.registry,
        BUILD_DATE=resolve_build_date(generator.settings),
    )


def new_build(pelican):
    """``get_generators`` is the first signal of every build, also of the
    preview's next build with the same Pelican: a new Build starts, and every
    symbolic link under content/ is refused before anything is read."""
    build = start_build(pelican.settings)
    build.links = tuple(symbolic_links(pelican.settings["PATH"]))
    build.errors.report([link_error(link, display_path(link)) for link in build.links], unreadable=True)


def report_read_errors(generators):
    if generators:
        errors = build_of(generators[0].settings).errors
        errors.report(read_errors(generators), unreadable=True)


@reports_faults
def report_static_errors(generators):
    if generators:
        allowed = model_settings(generators[0].settings)["ARCHIVE_STATIC_TYPES"]
        staticfiles = generators[0].context.get("staticfiles", [])
        build_of(generators[0].settings).errors.report(static_file_errors(staticfiles, allowed))


def stop_on_content_errors(pelican):
    """``get_writer`` is sent once every plugin has read and checked, before
    anything is written: the one place a build stops for content errors."""
    build_of(pelican.settings).errors.stop_if_any(pelican.settings["PATH"])


def register():
    signals.initialized.connect(pin_build_date)
    signals.initialized.connect(stage_every_run)
    signals.readers_init.connect(use_archive_reader)
    signals.generator_init.connect(add_template_tools)
    signals.get_generators.connect(new_build)
    signals.all_generators_finalized.connect(report_read_errors)
    signals.all_generators_finalized.connect(report_static_errors)
    signals.get_writer.connect(stop_on_content_errors)
