"""Front matter → typed Pelican metadata, validated against the registry.

Each field has one parser; a parser gets the raw value and a :class:`Fields`
helper that knows the file, the line of every key and the registry, and raises
:class:`ContentError` naming them. Plugins' structured fields (event, series,
attachments, …) are parsed here too, at read time, so no plugin re-parses
front matter.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from pelican.urlwrappers import Author, Category, Tag
from pelican.utils import SafeDatetime

from .boundary import SLUG, as_slug
from .dates import DateFormatError, parse_datetime
from .errors import Collected, ContentError, did_you_mean, raise_all
from .event_fields import EVENT_KEYS, complete_events
from .settings import model_settings, site_zone
from .structured import STRUCTURED_FIELDS

# Control characters, line and paragraph separators: never in a one-line value.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
LINE_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"


@dataclass
class Fields:
    """What a parser needs to explain a problem: file, key lines, registry."""

    path: str
    lines: dict
    registry: object
    settings: dict

    @property
    def zone(self):
        """The site's time zone: an editor's times are wall-clock times there."""
        return site_zone(self.settings)

    def line(self, *key):
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key)

    def fail(self, key, message, hint=None):
        key = key if isinstance(key, tuple) else (key,)
        field = ".".join(str(k) for k in key)
        raise ContentError(self.path, message, line=self.line(*key), field=field, hint=hint)

    def text(self, key, value):
        name = key[-1] if isinstance(key, tuple) else key
        if isinstance(value, (dict, list)) or value is None or str(value).strip() == "":
            self.fail(key, "ska vara en text", f"skriv texten på samma rad: {name}: …")
        if isinstance(value, bool):
            # YAML reads an unquoted yes/no/on/off as true/false.
            self.fail(key, "läses som sant/falskt (true/false), inte som text", f'sätt texten inom citattecken: {name}: "…"')
        return str(value).strip()

    def one_line(self, key, text):
        """``text`` without a line break or other control character: a
        title is one line wherever it goes (a calendar's NAME refused it
        with icalendar's traceback, a feed's title, the browser's tab)."""
        found = CONTROL.search(text)
        if found:
            what = "en radbrytning" if found.group() in LINE_BREAKS else f"ett styrtecken (U+{ord(found.group()):04X})"
            self.fail(key, f"har {what}", "skriv värdet på en rad, utan \\n inom citattecken")
        return text

    def date(self, key, value):
        try:
            parsed, _ = parse_datetime(value, key[-1] if isinstance(key, tuple) else key, "2019-02-08")
        except DateFormatError as exc:
            self.fail(key, str(exc))
        self.in_range(key, parsed)
        return SafeDatetime(parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute)

    def in_range(self, key, moment):
        """A date within ARCHIVE_MIN_YEAR–ARCHIVE_MAX_YEAR: year 1 or 9999
        is a slip of the keyboard, and the years around it (a calendar's
        time zone rules, a page's age) do not exist for Python."""
        options = model_settings(self.settings)
        first, last = options["ARCHIVE_MIN_YEAR"], options["ARCHIVE_MAX_YEAR"]
        if not first <= moment.year <= last:
            self.fail(key, f"året {moment.year} ligger utanför arkivets år ({first}–{last})",
                      "kontrollera årtalet; skriv datum som 2019-02-08")

    def items(self, key, value):
        """A list, also from one bare value or a comma-separated string."""
        if value is None:
            return []
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list):
            self.fail(key, "ska vara en lista", f"skriv {key}: [a, b]")
        return value


def _title(f, value):
    return {"title": f.one_line("title", f.text("title", value))}


def _date(f, value):
    return {"date": f.date("date", value)}


def _updated(f, value):
    return {"modified": f.date("updated", value)}


def _type(f, value):
    try:
        content_type = f.registry.content_type(value)
    except LookupError as exc:
        f.fail("type", f"okänd typ '{value}'", str(exc))
    category = Category(content_type.label, f.settings)
    category.slug = content_type.slug
    return {"type": content_type, "category": category}


def _administrations(f, value):
    found = []
    for index, item in enumerate(f.items("administrations", value)):
        try:
            admin = f.registry.administration(item)
        except LookupError as exc:
            f.fail(("administrations", index), f"okänd förvaltning '{item}'", str(exc))
        if admin not in found:
            found.append(admin)
    return {"administrations": found}


def _topics(f, value):
    tags = {}
    for index, item in enumerate(f.items("topics", value)):
        try:
            topic = f.registry.topic(item)
        except LookupError as exc:
            f.fail(("topics", index), f"okänt ämne '{item}'", str(exc) + " Nya ämnen läggs till i data/registry.yaml.")
        tags[topic.slug] = Tag(topic.name, f.settings)
    return {"tags": list(tags.values())}


def _summary(f, value):
    # Plain text from the editor; escaped here because Pelican treats
    # summaries as HTML.
    return {"summary": html.escape(f.text("summary", value))}


def _author(f, value):
    return {"author": Author(f.one_line("author", f.text("author", value)), f.settings)}


# What editors write in Swedish for a page's status: named in the hint
# (the field itself stays English, as Pelican knows it).
STATUS_IN_SWEDISH = {"utkast": "draft", "publicerad": "published", "publicerat": "published",
                     "publicera": "published", "dold": "hidden", "gömd": "hidden"}


def _status(f, value):
    allowed = ("published", "draft", "hidden")
    if value not in allowed:
        meant = STATUS_IN_SWEDISH.get(str(value).strip().lower())
        f.fail("status", f"okänd status '{value}'", f"menade du '{meant}'?" if meant else did_you_mean(value, allowed))
    return {"status": value}


def _slug(f, value):
    slug = f.text("slug", value)
    if not SLUG.match(slug):
        meant = as_slug(slug, f.settings).strip("-_")
        f.fail(
            "slug",
            f"'{slug}' kan inte bli en adress: en slug har bara små bokstäver a–z, siffror och bindestreck",
            f"skriv slug: {meant}" if meant else "skriv en slug med bokstäver a–z, t.ex. slug: min-sida",
        )
    return {"slug": slug}


def _old_url(f, value):
    """The page's address on the old site (one, or a list): an absolute URL
    or a path from the site's root. archive_publish writes a redirect there."""
    values = value if isinstance(value, list) else [value]
    paths = []
    for index, item in enumerate(values):
        key = ("old_url", index) if isinstance(value, list) else "old_url"
        parts = urlsplit(f.text(key, item).strip())
        path = unquote(parts.path)
        if parts.scheme not in ("", "http", "https") or not path.startswith("/"):
            f.fail(key, f"'{item}' är ingen adress på den gamla sajten",
                   "skriv hela adressen (https://gamla.example.se/2019/02/inlagg/) eller sökvägen (/2019/02/inlagg/)")
        if parts.query or path.strip("/") == "" or ".." in path.split("/") or "\\" in path:
            f.fail(key, f"'{item}' kan inte få en omdirigering",
                   "en statisk sajt kan bara omdirigera en sökväg under webbplatsens rot, utan ?… och utan ..")
        paths.append(path)
    return {"old_urls": tuple(paths)}


def _archived(f, value):
    """``archived: true``: an old post moved in as it was written. Readers
    see "Arkiverad text"; `invoke check` gives it no readability warning."""
    if not isinstance(value, bool):
        f.fail("archived", f"'{value}' är inte true eller false", "skriv archived: true för en arkiverad text, annars ta bort raden")
    return {"archived": value}


def _page_template(f, value):
    """Only a documented page template: an unknown one broke the build with
    Pelican's traceback, and another kind's template (a listing, the 404)
    would render the page as something it is not."""
    name = f.text("template", value)
    allowed = model_settings(f.settings)["ARCHIVE_PAGE_TEMPLATES"]
    if name not in allowed:
        f.fail("template", f"okänd sidmall '{name}'", did_you_mean(name, allowed) + " (eller ta bort raden)")
    return {"template": name}


def _address_refused(name):
    """A page's address comes from its file name (or slug:): save_as and url
    could claim any output file (robots.txt, a calendar, the search index)
    or a path outside the site."""

    def parse(f, _value):
        f.fail(
            name,
            f"'{name}' används inte: sidans adress är filnamnet",
            "ta bort raden; skriv slug: önskad-adress om sidan ska ha en annan adress",
        )

    return parse


COMMON_FIELDS = {
    "title": _title,
    "date": _date,
    "updated": _updated,
    "type": _type,
    "administrations": _administrations,
    "topics": _topics,
    "summary": _summary,
    "author": _author,
    "status": _status,
    "slug": _slug,
    "old_url": _old_url,
    "archived": _archived,
}
ARTICLE_FIELDS = {**COMMON_FIELDS, **STRUCTURED_FIELDS}
PAGE_FIELDS = {
    **{k: COMMON_FIELDS[k] for k in ("title", "date", "updated", "summary", "status", "slug", "old_url", "archived")},
    "template": _page_template,
    "save_as": _address_refused("save_as"),
    "url": _address_refused("url"),
    # Static pages are guarded for personal data too (archive_safety).
    **{k: STRUCTURED_FIELDS[k] for k in ("personal_data_reviewed", "personal_data_exceptions")},
}
REQUIRED = {"article": ("title", "date", "type"), "page": ("title",)}
# Field names editors write in Swedish (or without å/ä/ö), and the field meant.
FIELDS_IN_SWEDISH = {
    "titel": "title", "rubrik": "title", "datum": "date", "typ": "type", "forvaltning": "administrations",
    "förvaltning": "administrations", "forvaltningar": "administrations", "förvaltningar": "administrations",
    "amne": "topics", "ämne": "topics", "amnen": "topics", "ämnen": "topics", "sammanfattning": "summary",
    "ingress": "summary", "forfattare": "author", "författare": "author", "uppdaterad": "updated",
    "serie": "series", "tema": "theme", "bilagor": "attachments", "bilaga": "attachments",
    "dagordning": "agenda", "handelse": "event", "händelse": "event", "citat": "quote",
    "arkiverad": "archived", "arkiverat": "archived", "arkiv": "archived",
}


def build_metadata(raw, fields, kind="article"):
    """Validated Pelican metadata from the raw front-matter mapping."""
    if not isinstance(raw, dict):
        raise ContentError(
            fields.path,
            "front matter ska vara fält med värden (nyckel: värde)",
            line=2,
            hint="se docs/innehallsmodell.md",
        )
    parsers = ARTICLE_FIELDS if kind == "article" else PAGE_FIELDS
    # Every field is checked, so an editor sees all of a page's mistakes in
    # one build: each missing field, and one error per field that fails (an
    # event block one per wrong field of its own, event_fields._SubFields;
    # other structured fields stop at their first problem).
    missing = [name for name in REQUIRED[kind] if raw.get(name) in (None, "")]
    collected = Collected(_missing(fields, name) for name in missing)
    metadata = {}
    for name, value in raw.items():
        if name not in missing:  # `title:` left empty: said once, as missing
            metadata.update(collected.attempt(_parse, parsers, fields, name, value, raw, default={}))
    if "date" in metadata and "modified" in metadata:
        collected.attempt(_updated_after_date, fields, metadata)
    raise_all(collected.errors)
    # Events take their title and organiser from the page's title and series
    # (only when every field was read: no follow-on errors).
    return complete_events(fields, metadata) if kind == "article" else metadata


def _missing(fields, name):
    return ContentError(
        fields.path,
        "saknas men krävs",
        line=1,
        field=name,
        hint=f"lägg till '{name}:' mellan raderna '---' överst i filen",
    )


def _parse(parsers, fields, name, value, raw):
    parser = parsers.get(name)
    if parser is None:
        fields.fail(name, f"okänt fält '{name}'", _unknown_field_hint(name, parsers, raw))
    return parser(fields, value)


def _unknown_field_hint(name, parsers, raw):
    meant = FIELDS_IN_SWEDISH.get(str(name).lower())
    if meant in parsers:
        return f"menade du '{meant}'? Fältens namn skrivs på engelska"
    if "event" in raw and "event" in parsers and name in EVENT_KEYS:
        # `event:` with its fields not indented: each reads as a page field.
        return "hör fältet till event:? Skriv det under event: med två mellanslag först"
    return did_you_mean(name, list(parsers))


def _updated_after_date(fields, metadata):
    if metadata["modified"] < metadata["date"]:
        fields.fail("updated", f"{metadata['modified']:%Y-%m-%d} är före publiceringsdagen (date: {metadata['date']:%Y-%m-%d})",
                    "updated ska vara samma dag som date eller senare; kontrollera årtalet")
