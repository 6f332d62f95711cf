"""Two things that must be one of a kind: a page's slug (its name in links,
series and calendars) and the file a page is written to (its URL).

Pelican only warns about a shared slug and overwrites the first file with
the second, so one page silently disappears from the site.
"""

from __future__ import annotations

from archive_model.errors import ContentError
from archive_model.reader import line_of


def collision_errors(site):
    slugs = slug_errors(site)
    # Two files with one slug usually share a URL too: one message is enough.
    named = {error.path for error in slugs}
    return slugs + [error for error in url_errors(site) if error.path not in named]


def slug_errors(site):
    """One error per file that takes a slug another file already has. A file
    whose slug comes from its name keeps it: the one that wrote `slug:` is
    named, so the error points at the line added, not at the page that was
    there first (files otherwise in path order)."""
    by_slug = {}
    for page in sorted(site.pages, key=lambda p: p.source):
        by_slug.setdefault(page.content.slug, []).append(page)
    errors = []
    for slug, pages in by_slug.items():
        if len(pages) < 2:
            continue
        lines = {page.source: line_of(page.content.source_path, "slug:") for page in pages}
        first, *others = sorted(pages, key=lambda p: lines[p.source] is not None)
        for page in others:
            line = lines[page.source]
            origin = "sluggen" if line else "filnamnet ger sluggen"
            errors.append(
                ContentError(
                    page.source,
                    f"{origin} '{slug}', som redan används av {first.source}",
                    line=line,
                    field="slug" if line else None,
                    hint="välj en annan slug: eller ta bort raden" if line
                    else "byt namn på filen eller ange en egen slug: i front matter",
                )
            )
    return errors


def url_errors(site):
    """Each content file whose output path is also written by something else.

    Between two content files the later one (by path) is named; against a
    listing, a feed or a static file it is always the content file.
    """
    errors = []
    sources = {page.source: page for page in site.pages}
    for save_as, writers in sorted(site.files.items()):
        if len(writers) < 2:
            continue
        pages = sorted(w for w in writers if w in sources)
        others = [w for w in writers if w not in sources]
        named = pages if others else pages[1:]
        for source in named:
            page = sources[source]
            shared_with = ", ".join(w for w in (others or pages[:1]))
            errors.append(
                ContentError(
                    page.source,
                    f"sidan får samma adress /{save_as} som {shared_with}",
                    line=line_of(page.content.source_path, "save_as:") or line_of(page.content.source_path, "slug:"),
                    hint="ändra filens namn, slug: eller save_as:/url: så att adressen blir unik",
                )
            )
    return errors
