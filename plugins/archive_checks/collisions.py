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
    """Each content file whose output path is also written by something else:
    another page, a listing, a feed, a static file, or a file or folder a
    plugin declared (the calendar, robots.txt, Pagefind's folder …).

    Between two content files the later one (by path) is named; against
    anything else it is always the content file.
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
            shared_with = ", ".join(w for w in (others or pages[:1]))
            errors.append(_claim_error(sources[source], f"sidan får samma adress /{save_as} som {shared_with}"))
    named = {error.path for error in errors}
    for page in site.pages:
        folder = _planned_folder(site, page)
        if folder and page.source not in named:
            errors.append(_claim_error(
                page, f"sidan får adressen /{page.save_as} i mappen /{folder}, som {site.folders[folder]} skriver"))
    return errors


def _planned_folder(site, page):
    """The declared folder ``page`` would be written into (a draft's own
    folder is where drafts belong)."""
    if not page.save_as or page.content.status == "draft":
        return None
    return next((f for f in site.folders if page.save_as.startswith(f)), None)


def _claim_error(page, message):
    """The error for ``page``, on its slug: line when it has one."""
    line = line_of(page.content.source_path, "slug:")
    slug = page.content.slug
    if line:
        hint = f"välj en annan slug:, t.ex. slug: {slug}-sida"
    else:
        hint = f"byt namn på filen, t.ex. till {slug}-sida.md, eller skriv en egen slug: i front matter"
    return ContentError(page.source, message, line=line, field="slug" if line else None, hint=hint)
