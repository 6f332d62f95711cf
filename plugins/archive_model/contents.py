"""Every article and page a build read, wherever Pelican keeps it.

Pelican files what it read in ten lists across two generators (published,
hidden and draft ones, each with their translations). A guard that skipped
one list would let those pages through unchecked, so every plugin asks
here instead of naming the lists itself.
"""

from __future__ import annotations

from itertools import chain

from pelican.generators import ArticlesGenerator, PagesGenerator

from .errors import ContentError
from .reader import display_path

# The lists an ArticlesGenerator or a PagesGenerator keeps.
ARTICLE_LISTS = (
    "articles", "translations", "hidden_articles", "hidden_translations",
    "drafts", "drafts_translations",
)
PAGE_LISTS = (
    "pages", "translations", "hidden_pages", "hidden_translations",
    "draft_pages", "draft_translations",
)
DRAFT_LISTS = ("drafts", "drafts_translations", "draft_pages", "draft_translations")


def content_of(generator, lists=ARTICLE_LISTS + PAGE_LISTS):
    """Every article or page (hidden and drafts too) ``generator`` read;
    nothing for other generators (plugins' own may reuse the names)."""
    if isinstance(generator, ArticlesGenerator):
        names = [name for name in lists if name in ARTICLE_LISTS]
    elif isinstance(generator, PagesGenerator):
        names = [name for name in lists if name in PAGE_LISTS]
    else:
        return iter(())
    return chain.from_iterable(getattr(generator, name) for name in dict.fromkeys(names))


def contents(generators, lists=ARTICLE_LISTS + PAGE_LISTS):
    """Each article and page of the build once, in source-path order."""
    seen = {}
    for generator in generators:
        for content in content_of(generator, lists):
            seen.setdefault(content.source_path, content)
    return [seen[path] for path in sorted(seen)]


def drafts(generators):
    """The drafts of this build, articles and pages."""
    return contents(generators, DRAFT_LISTS)


def read_errors(generators):
    """The errors of the files this build could not read, sorted by file and
    line: those pages are missing from every list above."""
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
