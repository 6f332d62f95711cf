"""One import: read the source, make the pages, link them, write them and
the report."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lararkiv.archetypes import existing_with_slug, page_slug

from .dating import order_dates
from .pages import build_page, link_follows
from .report import report_text
from .rules import load_mapping
from .sources import SourceError, read_listing, read_wxr
from .writer import page_text, write_page


@dataclass
class ImportResult:
    pages: list = field(default_factory=list)
    outcomes: dict = field(default_factory=dict)   # path → ny/uppdaterad/oförändrad/skyddad
    notes: list = field(default_factory=list)      # for the whole import
    report: str = ""


def _is_wxr(path):
    with open(path, encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    return "<rss" in head and "wordpress.org/export" in head


def _slugger(settings, taken):
    def slug_of(title):
        base = page_slug(title, settings)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        return slug
    return slug_of


def import_archive(source, *, content, registry, settings, mapping_path, titles=None,  # noqa: PLR0913
                   listing_date=None, overwrite=False, dry_run=False):
    """Import ``source`` into the ``content`` folder; see the module docs."""
    mapping = load_mapping(mapping_path)
    result = ImportResult()
    base = ""
    split_guessed = False
    if _is_wxr(source):
        base, posts, attachments, skipped = read_wxr(source, settings.get("TIMEZONE", "Europe/Stockholm"))
        result.notes.extend(skipped)
        unattached = [a for a in attachments if not any(a in p.attachments for p in posts)]
        for attachment in unattached:
            result.notes.append(f"bilagan {attachment.url} (rad {attachment.line}) hör inte till något inlägg")
    else:
        posts, how = read_listing(source, titles)
        split_guessed = how == "gissad"
        result.notes.append({"rubriker": "inläggen delades vid rubrikerna i rubrikfilen",
                             "avgränsare": "inläggen delades vid avgränsarraderna",
                             "gissad": "inläggen delades där en rubrikliknande rad följs av ett stycke som tar upp den "
                                       "(gissat: ange --rubriker med den gamla sajtens rubriker för en säker delning)"}[how])
    reference = dt.datetime.combine(listing_date, dt.time()) if isinstance(listing_date, dt.date) else None
    slug_of = _slugger(settings, set())
    for post in posts:
        page = build_page(post, mapping=mapping, registry=registry, slug_of=slug_of,
                          listing_reference=reference, split_guessed=split_guessed)
        if not page.folder:
            page.folder = registry.types[page.meta["type"]].folder
        _attachments(page, content)
        result.pages.append(page)
    if not base:
        order_dates(result.pages)
    link_follows(result.pages)
    _rewrite_links(result.pages, base)
    for page in result.pages:
        path = os.path.join(content, page.folder, f"{page.slug}.md")
        other = existing_with_slug(content, page.slug)
        if other and os.path.abspath(other) != os.path.abspath(path):
            # Two files with one slug stop the build: the page already there wins.
            page.notes.append(f"en sida med samma filnamn finns redan: {other}; importerades inte")
            result.outcomes[path] = "krock"
            continue
        result.outcomes[path] = write_page(path, page_text(page, os.path.basename(source)),
                                           overwrite=overwrite, dry_run=dry_run)
    result.report = report_text(result, source, content, dry_run)
    return result


def _attachments(page, content):
    found = []
    for attachment in page.post.attachments:
        name = os.path.basename(urlsplit(attachment.url).path)
        if os.path.isfile(os.path.join(content, "bilagor", name)):
            found.append({"file": f"bilagor/{name}", "title": attachment.title or name})
        else:
            page.notes.append(f"bilagan {attachment.url} (rad {attachment.line}) finns inte i content/bilagor/: "
                              f"ladda ner den dit som {name} och kör importen igen")
    if found:
        page.meta["attachments"] = found


LINK = re.compile(r"\]\((https?://[^)\s]+|/[^)\s]*)\)")


def _rewrite_links(pages, base):
    """Links to the old site become {filename} links when the page they
    lead to was imported; others are kept and reported."""
    if not base:
        return
    host = urlsplit(base).netloc
    imported = {urlsplit(p.post.old_url).path.rstrip("/"): f"{{filename}}/{p.folder}/{p.slug}.md"
                for p in pages if p.post.old_url}
    for page in pages:
        page.body = LINK.sub(lambda match, page=page: _rewrite_link(match, page, host, imported), page.body)


def _rewrite_link(match, page, host, imported):
    url = match.group(1)
    parts = urlsplit(url)
    if parts.netloc and parts.netloc != host:
        return match.group(0)  # another site's page
    target = imported.get(parts.path.rstrip("/"))
    if target:
        return f"]({target}{'#' + parts.fragment if parts.fragment else ''})"
    if "/wp-content/uploads/" in parts.path:
        page.notes.append(f"länken {url} leder till en fil på den gamla sajten; lägg filen i content/bilagor/")
    else:
        page.notes.append(f"länken {url} leder till den gamla sajten men till en sida som inte importerades; "
                          "den står kvar")
    return match.group(0)


__all__ = ["ImportResult", "SourceError", "import_archive"]
