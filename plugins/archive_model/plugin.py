"""Signal wiring for the content model.

- ``initialized``: pin the build date once, so nothing else reads the clock.
- ``readers_init``: our reader takes over Markdown files (and Pelican's
  "Could not process FILE" for them, which its content errors say better,
  is filtered out).
- ``article_generator_init``/``page_generator_init``: the generator knows
  the files it will read (and its content caches are loaded), so the ones
  not cached are sent to worker processes before reading starts.
- ``article_generator_pretaxonomy``: tag and category lists that answer
  ``in`` without a scan (members.py).
- ``generator_init``: Swedish date filters, the registry and the build date
  for every template.
- ``all_generators_finalized``: every file has been read; each page's URL
  is worked out once; if any file failed, stop before the writers run so no
  output is touched.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.contents import Article, Page

from .dates import FILTERS
from .errors import ContentError, ContentErrors
from .members import index_taxonomies
from .prefetch import start_prefetch
from .reader import ArchiveReader, display_path
from .registry import load_registry
from .settings import archive_setting, registry_path, resolve_build_date

# Where Pelican keeps what it read, drafts, hidden pages and translations too.
CONTENT_LISTS = (
    "articles", "translations", "hidden_articles", "hidden_translations", "drafts",
    "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
)


def pin_build_date(pelican):
    # Resolved once per build (not a default): every later reader of
    # ARCHIVE_BUILD_DATE sees the same instant.
    pelican.settings["ARCHIVE_BUILD_DATE"] = resolve_build_date(pelican.settings)


def use_archive_reader(readers):
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
    paths = [str(arg) for arg in record.args or () if "/" in str(arg) or os.sep in str(arg)]
    markdown = tuple(f".{e}" for e in ArchiveReader.file_extensions)
    return not paths or not all(path.endswith(markdown) for path in paths)


def prefetch_articles(generator):
    _prefetch(generator, "ARTICLE_PATHS", "ARTICLE_EXCLUDES")


def prefetch_pages(generator):
    _prefetch(generator, "PAGE_PATHS", "PAGE_EXCLUDES")


def _prefetch(generator, paths_setting, excludes_setting):
    reader = generator.readers.readers.get("md")
    if not isinstance(reader, ArchiveReader):
        return
    settings = generator.settings
    files = generator.get_files(settings[paths_setting], exclude=settings[excludes_setting],
                                extensions=ArchiveReader.file_extensions)
    to_read = []
    for relative in files:
        path = os.path.abspath(os.path.join(generator.path, relative))
        # Files Pelican's content cache still holds are not read at all.
        if generator.get_cached_data(relative, None) is None and \
                generator.readers.get_cached_data(path, None) is None:
            to_read.append(path)
    start_prefetch(reader, to_read, settings)


def indexed_taxonomies(generator):
    if archive_setting(generator.settings, "ARCHIVE_INDEXED_TAXONOMIES"):
        index_taxonomies(generator)


def add_template_tools(generator):
    generator.env.filters.update(FILTERS)
    generator.env.globals.update(
        REGISTRY=load_registry(registry_path(generator.settings)),
        BUILD_DATE=resolve_build_date(generator.settings),
    )


def remember_urls(generators):
    """Pelican's ``Content.url`` formats the URL setting with a copy of the
    page's metadata on every access: about 15 times per page per build
    (listings, threads, feeds, calendars, links), 8 % of a build. Once every
    file is read, nothing changes a page's status, slug or date any more, so
    the URL is worked out once here and kept where Pelican itself looks first,
    ``override_url`` (what a ``url:`` field sets). ``save_as`` is left as it
    is: Pelican takes an ``override_save_as`` as leave to overwrite another
    file, and it is used once per page only. Static files keep theirs too:
    linking one can still move it (``{attach}``)."""
    if not generators or not archive_setting(generators[0].settings, "ARCHIVE_REMEMBER_URLS"):
        return
    for generator in generators:
        for name in CONTENT_LISTS:
            for content in getattr(generator, name, None) or ():
                if isinstance(content, (Article, Page)) and not hasattr(content, "override_url"):
                    content.override_url = content.url


def content_errors(generators):
    """Every content error of this build, sorted by file and line."""
    errors = []
    for generator in generators:
        readers = getattr(generator, "readers", None)
        reader = readers.readers.get("md") if readers else None
        errors.extend(getattr(reader, "errors", []))
    reported = {error.path for error in errors}
    context = generators[0].context if generators else {}
    for path, content in context.get("generated_content", {}).items():
        shown = display_path(f"{context['PATH']}/{path}")
        if content is None and shown not in reported:
            errors.append(ContentError(shown, "kunde inte läsas", hint="se felet ovan i loggen"))
    return sorted(errors, key=lambda e: (e.path, e.line or 0))


def stop_on_content_errors(generators):
    errors = content_errors(generators)
    if errors:
        raise ContentErrors(errors)


def register():
    signals.initialized.connect(pin_build_date)
    signals.readers_init.connect(use_archive_reader)
    signals.article_generator_init.connect(prefetch_articles)
    signals.page_generator_init.connect(prefetch_pages)
    signals.article_generator_pretaxonomy.connect(indexed_taxonomies)
    signals.generator_init.connect(add_template_tools)
    signals.all_generators_finalized.connect(remember_urls)
    signals.all_generators_finalized.connect(stop_on_content_errors)
