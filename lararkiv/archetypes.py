"""`invoke new`: a new page from its type's archetype (``data/arketyper/``).

The archetype is a Jinja template per type with the front matter every page
of that type needs and a Swedish comment on each field. The file lands in
the type's folder from the registry, named by the title transliterated
(å/ä → a, ö → o) the way Pelican makes slugs, and an existing file is never
overwritten. New pages start as drafts: they build for the preview at once
and are published only when the editor removes ``status: draft``.
"""

from __future__ import annotations

import json
import os

import jinja2
from archive_model.dates import DateFormatError, parse_datetime
from pelican.utils import slugify

# Long titles make unreadable URLs; the slug stops at a word near this length.
MAX_SLUG_LENGTH = 80


class NewPageError(ValueError):
    """Why the page was not created, in Swedish, with what to do instead."""


def page_slug(title, settings):
    slug = slugify(
        title,
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
        preserve_case=False,
        use_unicode=settings["SLUGIFY_USE_UNICODE"],
    )
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    if not slug:
        raise NewPageError(f"rubriken '{title}' ger inget filnamn — skriv en rubrik med bokstäver")
    return slug


def yaml_text(value):
    """A YAML scalar that stays text whatever it contains (': ', '#', quotes)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values):
    return "[" + ", ".join(values) + "]" if values else ""


def resolve_names(text, lookup, written_as, unknown):
    """The registry's spelling of each comma-separated value, in order, once.

    ``lookup`` is a registry method (``administration``, ``topic``) raising
    LookupError with a hint; ``written_as`` the attribute written to the file
    (administrations by slug, topics by their readable name); ``unknown``
    names the kind in the error.
    """
    found = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        try:
            entry = lookup(item)
        except LookupError as exc:
            raise NewPageError(f"{unknown} '{item}' — {exc}") from exc
        found.append(getattr(entry, written_as))
    return list(dict.fromkeys(found))


def resolve_date(text, today):
    if not text:
        return today.strftime("%Y-%m-%d")
    try:
        value, has_time = parse_datetime(text)
    except DateFormatError as exc:
        raise NewPageError(f"--date: {exc}") from exc
    return value.strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d")


def existing_with_slug(content, slug):
    """A content file already named ``slug`` anywhere (slugs must be unique)."""
    for folder, _dirs, names in os.walk(content):
        for name in names:
            if os.path.splitext(name)[0] == slug:
                return os.path.join(folder, name)
    return None


def render_archetype(archetypes, type_slug, values):
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(archetypes),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # Markdown and YAML, not HTML
    )
    try:
        template = environment.get_template(f"{type_slug}.md")
    except jinja2.TemplateNotFound as exc:
        raise NewPageError(f"det finns ingen mall för typen '{type_slug}' i {archetypes}/") from exc
    return template.render(**values).lstrip("\n")


def new_page(  # noqa: PLR0913 — keyword-only, one per option of invoke new
    *,
    registry,
    settings,
    archetypes,
    type_name,
    title,
    today,
    date="",
    administrations="",
    topics="",
):
    """Write the new page; returns its path. Raises NewPageError, never overwrites."""
    try:
        content_type = registry.content_type(type_name)
    except LookupError as exc:
        raise NewPageError(f"okänd typ '{type_name}' — {exc}") from exc
    if not title.strip():
        raise NewPageError(
            '--title saknas — skriv sidans rubrik, t.ex. --title "Forskningsfrukost om tillit"'
        )
    content = settings["PATH"]
    slug = page_slug(title, settings)
    path = os.path.join(content, content_type.folder, f"{slug}.md")
    clash = existing_with_slug(content, slug)
    if clash:
        raise NewPageError(
            f"{os.path.relpath(clash)} finns redan — öppna den, eller välj en annan rubrik "
            "(filnamnet blir sidans adress och måste vara unikt)"
        )
    page_date = resolve_date(date, today)
    text = render_archetype(
        archetypes,
        content_type.slug,
        {
            "title": yaml_text(title.strip()),
            "date": page_date,
            "date_only": page_date[:10],
            "type": content_type.slug,
            "administrations": yaml_list(
                resolve_names(administrations, registry.administration, "slug", "okänd förvaltning")
            ),
            "topics": yaml_list(resolve_names(topics, registry.topic, "name", "okänt ämne")),
            "series_names": ", ".join(registry.series),
        },
    )
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path
