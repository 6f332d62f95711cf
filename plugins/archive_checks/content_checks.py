"""Checks on each text before it is written: links between pages and their
anchors, images (present, with alt text, from the site itself). Attachments in
front matter are checked as they are read (archive_model.structured).

Links come in three kinds: Pelican's ``{filename}``/``{static}``/``{attach}``
links (resolved from the source file, as Pelican does), plain site links
(``/arkiv/2019/…`` or ``../annan-sida/``, resolved against the page's URL) and
external ones (only their scheme is checked here; the output check lists them).
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

from archive_model.errors import ContentError
from archive_model.reader import line_of
from archive_model.sanitize import url_is_allowed

from .settings import checks_settings

INTRASITE = re.compile(r"^[{|](?P<what>filename|static|attach|index|tag|category|author)[}|](?P<path>.*)$")
PAGINATION = re.compile(r"^(?P<base>.*?)sida/\d+/index\.html$")
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}


def check_pages(site):
    errors = []
    template_ids = set(checks_settings(site.settings)["CHECKS_TEMPLATE_IDS"])
    for page in site.pages:
        errors += link_errors(site, page, template_ids)
        errors += image_errors(site, page)
        errors += heading_errors(page)
        errors += unnamed_link_errors(page)
    return errors


def error(page, needle, message, hint=None, field=None):
    """An error on the first line holding ``needle`` (or, from a tuple, the
    first needle found)."""
    line = None
    for text in needle if isinstance(needle, tuple) else (needle,):
        line = line or (line_of(page.content.source_path, text) if text else None)
    return ContentError(page.source, message, line=line, field=field, hint=hint)


def link_errors(site, page, template_ids):
    errors = []
    for tag, value in page.parts.links:
        if not url_is_allowed(value):
            errors.append(error(page, value, f"länken '{value}' är inte tillåten", "länka med https://, mailto: eller tel:"))
            continue
        target = resolve(site, page, value)
        if target is None:
            continue  # external, or a section that another generator writes
        path, fragment, kind = target
        if path is None:
            errors.append(error(page, value, not_found_message(tag, value, kind), link_hint(kind)))
        elif fragment and not anchor_exists(site, page, path, fragment, template_ids):
            errors.append(
                error(page, value, f"länken '{value}' pekar på ankaret '#{fragment}', som inte finns på sidan",
                      "ankare är rubrikernas id: skriv rubriken med små bokstäver och bindestreck, t.ex. #var-och-nar")
            )
    return errors


def resolve(site, page, value):
    """``(save_as or None, fragment, kind)`` for an internal link; None for others."""
    intrasite = INTRASITE.match(value)
    if intrasite:
        return resolve_intrasite(site, page, intrasite.group("what"), urlsplit(intrasite.group("path")))
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page.save_as, parts.fragment, "anchor"
    return resolve_site_link(site, page, parts)


def resolve_intrasite(site, page, what, target):
    if what not in {"filename", "static", "attach"}:
        return None  # {index}, {tag}… name listings, which always exist
    source = source_relative_path(page, unquote(target.path))
    linked = site.by_source.get(source)
    if what == "filename" and linked and is_draft(linked) and not is_draft(page):
        return None, target.fragment, "draft"
    return linked_source(site, source, what), target.fragment, what


def resolve_site_link(site, page, parts):
    base = "/" + page.content.url
    folder = base if base.endswith("/") else posixpath.dirname(base)
    path = posixpath.normpath(posixpath.join(folder, unquote(parts.path))).lstrip("/")
    for candidate in (path, f"{path}/index.html" if path not in ("", ".") else "index.html"):
        pagination = PAGINATION.match(candidate)
        if candidate in site.files or (pagination and f"{pagination.group('base')}index.html" in site.files):
            return candidate, parts.fragment, "site"
    if path.split("/", 1)[0] in site.generated_sections:
        return None
    return None, parts.fragment, "site"


def is_draft(page):
    return getattr(page.content, "status", "published") == "draft"


def source_relative_path(page, path):
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.content.relative_source_path), path))


def linked_source(site, source, what):
    """The output path of the content file or file under content/ that a link names."""
    if what == "filename" and source in site.by_source:
        return site.by_source[source].save_as
    is_text = what == "filename" and source.endswith((".md", ".markdown"))
    if not is_text and os.path.isfile(os.path.join(site.content_root, source)):
        return source
    return None


def anchor_exists(site, page, path, fragment, template_ids):
    if fragment in template_ids:
        return True
    target = site.page_for_save_as(path)
    if target is None:
        return True  # listings and files: anchors there are checked in the output
    return fragment in target.parts.ids


def not_found_message(tag, value, kind):
    if tag == "img":
        return f"bilden '{value}' finns inte"
    if kind == "filename":
        return f"länken '{value}' pekar på en fil som inte finns"
    if kind in {"static", "attach"}:
        return f"filen '{value}' finns inte"
    if kind == "draft":
        return f"länken '{value}' pekar på ett utkast, som inte publiceras"
    return f"länken '{value}' leder inte till någon sida på webbplatsen"


def link_hint(kind):
    if kind == "draft":
        return "publicera den sidan först (ta bort status: draft) eller ta bort länken"
    if kind == "filename":
        return "sökvägen räknas från content/, t.ex. {filename}/nyheter/filnamn.md; kontrollera stavningen"
    if kind in {"static", "attach"}:
        return "lägg filen i content/bilder/ eller content/bilagor/ och kontrollera stavningen"
    return "länka till andra sidor med {filename}/mapp/filnamn.md, så följer länken med om adressen ändras"


def image_errors(site, page):
    errors = []
    for image in page.parts.images:
        src = image.get("src") or ""
        if not (image.get("alt") or "").strip():
            errors.append(
                error(page, src or "<img", f"bilden '{src}' saknar alternativtext",
                      "beskriv bilden inom hakparenteserna: ![Deltagare vid workshopen på Pixlapiren](…)")
            )
        if urlsplit(src).scheme in EXTERNAL_SCHEMES:
            errors.append(
                error(page, src, f"bilden '{src}' hämtas från en annan webbplats",
                      "webbplatsen hämtar inget utifrån: spara bilden i content/bilder/ och länka med {static}/bilder/namn.jpg")
            )
    return errors


def heading_errors(page):
    """Headings in the text go down one level at a time from the page's
    title (the h1): a screen reader's list of headings then shows the
    page's outline (WCAG 1.3.1). Only the first skip is named: the levels
    after it are usually right once it is fixed."""
    previous = 1
    for level, text in page.parts.headings:
        if level == 1:
            return [error(page, (f"# {text}", text), f"rubriken '# {text}' är på samma nivå som sidans titel",
                          "sidans titel är huvudrubriken: skriv rubrikerna i texten med ## (och ### under dem)")]
        if level > previous + 1:
            wanted = "#" * (previous + 1)
            after = "sidans titel" if previous == 1 else f"en rubrik med {'#' * previous}"
            return [error(page, (f"{'#' * level} {text}", text), f"rubriken '{'#' * level} {text}' hoppar över en nivå efter {after}",
                          f"skriv den som {wanted} {text}")]
        previous = level
    return []


def unnamed_link_errors(page):
    """A link with no text is read aloud as its address, or not at all."""
    return [
        error(page, f"]({href}", f"länken '{href}' har ingen text",
              "skriv vad länken leder till inom hakparenteserna: [Rapporten om bootcampen](…)")
        for href in page.parts.unnamed_links
    ]
