"""Parsers for the structured front-matter fields beyond the common ones.

Each takes ``(fields, value)`` and returns metadata to merge; see
docs/innehallsmodell.md for what editors write.
"""

from __future__ import annotations

import mimetypes
import os
import posixpath
from dataclasses import dataclass

from pelican.utils import slugify

from .errors import did_you_mean
from .event_fields import EVENT_FIELDS


@dataclass(frozen=True)
class Quote:
    text: str
    name: str
    role: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file under content/ that belongs to a page (minutes as pdf, a programme)."""

    file: str  # relative to content/, with '/': bilagor/gug-2018-12-10.pdf
    title: str
    size: int  # bytes, read when the page is read
    # An old post's file that no longer exists (`lost: true`): listed by its
    # title as no longer available, never linked; `file` may be "".
    lost: bool = False

    @property
    def kind(self):
        """``pdf``: the file type as readers know it, from the extension."""
        return posixpath.splitext(self.file)[1].lstrip(".").lower()

    @property
    def media_type(self):
        return mimetypes.guess_type(self.file)[0] or "application/octet-stream"


@dataclass(frozen=True)
class PageReference:
    """``follows: <slug>``, resolved to a page once every file is read
    (archive_series); the line is kept for the error if it resolves to nothing."""

    slug: str
    line: int | None = None

    def __str__(self):
        return self.slug


@dataclass(frozen=True)
class Agenda:
    """Agenda items: plain text from front matter, or Markup taken from a list
    under a heading "Dagordning"/"På agendan" in the text (archive_series)."""

    items: tuple
    heading: str = "Dagordning"
    line: int | None = None  # of `agenda:`; None when taken from the text

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


def _mapping(f, key, value, allowed, required=()):
    if not isinstance(value, dict):
        example = "{" + ", ".join(f"{a}: …" for a in required or allowed) + "}"
        example = f"{key}: {example}" if isinstance(key, str) else f"{key[0]}: [{example}]"
        f.fail(key, "ska vara fält med värden", f"skriv t.ex. {example}")
    for name in value:
        if name not in allowed:
            f.fail((*_tuple(key), name), f"okänt fält '{name}'", "tillåtna: " + ", ".join(allowed))
    for name in required:
        if value.get(name) in (None, ""):
            f.fail(key, f"'{name}' saknas", f"lägg till {name}: …")
    return value


def _tuple(key):
    return key if isinstance(key, tuple) else (key,)


def _quote(f, value):
    value = _mapping(f, "quote", value, ("text", "name", "role"), ("text", "name"))
    return {"quote": Quote(**{k: str(v).strip() for k, v in value.items()})}


def _progress(f, value):
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        f.fail("progress", f"'{value}' är ingen procentsats", "skriv ett heltal 0–100, t.ex. progress: 25")
    return {"progress": value}


def _period(f, value):
    value = _mapping(f, "period", value, ("start", "end", "months"), ("start",))
    period = {"start": f.date(("period", "start"), value["start"])}
    if "end" in value:
        period["end"] = f.date(("period", "end"), value["end"])
    if "months" in value:
        months = value["months"]
        if not isinstance(months, int) or months < 1:
            f.fail(("period", "months"), f"'{months}' är inget antal månader", "skriv t.ex. months: 24")
        period["months"] = months
    return {"period": period}


def _series(f, value):
    if isinstance(value, (dict, list)):
        f.fail("series", "ska vara en series slug", "skriv t.ex. series: gemensam-utvecklingsgrupp")
    try:
        return {"series": f.registry.a_series(value)}
    except LookupError as exc:
        f.fail("series", f"okänd serie '{value}'", str(exc) + " Nya serier läggs till i data/registry.yaml.")


def _theme(f, value):
    return {"theme": f.text("theme", value)}


def _follows(f, value):
    """The slug of the page this one follows up. A file name or path
    (``motesanteckningar/gemensam-utvecklingsgrupp-2018-12-10.md``) and å/ä/ö
    are accepted and turned into the slug, as Pelican makes slugs from names."""
    if isinstance(value, list):
        f.fail("follows", "ska vara en sida, inte en lista", "en sida följer upp en enda sida; skriv follows: <slug>")
    text = f.text("follows", value)
    name = posixpath.splitext(posixpath.basename(text.replace("\\", "/")))[0] if text.endswith((".md", ".markdown")) else text
    slug = slugify(
        name,
        regex_subs=f.settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=f.settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=f.settings.get("SLUGIFY_USE_UNICODE", False),
    )
    if not slug:
        f.fail("follows", f"'{text}' är ingen sidas slug", "skriv filnamnet utan .md, t.ex. follows: gemensam-utvecklingsgrupp-2018-12-10")
    return {"follows": PageReference(slug, f.line("follows"))}


def _agenda(f, value):
    items = f.items("agenda", value)
    if not items:
        f.fail("agenda", "är tom", "skriv punkterna som en lista, eller ta bort fältet")
    texts = tuple(f.text(("agenda", i), item) for i, item in enumerate(items))
    return {"agenda": Agenda(texts, line=f.line("agenda"))}


def _attachments(f, value):
    items = f.items("attachments", value)
    attachments = []
    for index, raw in enumerate(items):
        key = ("attachments", index)
        if not isinstance(raw, dict):
            f.fail(key, "ska vara fält med värden", "skriv t.ex. attachments: [{file: …, title: …}]")
        item = _mapping(f, key, raw, ("file", "title", "lost"), ("title",))
        title = f.text((*key, "title"), item["title"])
        if _lost(f, (*key, "lost"), item.get("lost", False)):
            file = f.text((*key, "file"), item["file"]).replace("\\", "/").lstrip("/") if "file" in item else ""
            attachments.append(Attachment(file=file, title=title, size=0, lost=True))
            continue
        if item.get("file") in (None, ""):
            f.fail(key, "'file' saknas", "lägg till file: bilagor/filnamn.pdf, eller lost: true om filen inte finns längre")
        path = _attachment_file(f, (*key, "file"), item["file"])
        size = os.path.getsize(os.path.join(f.settings["PATH"], path))
        attachments.append(Attachment(file=path, title=title, size=size))
    return {"attachments": attachments}


def _lost(f, key, value):
    if not isinstance(value, bool):
        f.fail(key, f"'{value}' är inte true eller false", "skriv lost: true för en bilaga som inte finns längre, annars ta bort raden")
    return value


def _attachment_file(f, key, value):
    """``bilagor/x.pdf``: a file that exists under content/, in a folder that
    is published as is (STATIC_PATHS), else the link would lead nowhere."""
    text = f.text(key, value).replace("\\", "/").lstrip("/")
    if text.startswith("content/"):
        text = text[len("content/"):]
    path = posixpath.normpath(text)
    folders = [posixpath.normpath(p.replace("\\", "/")).strip("/") for p in f.settings.get("STATIC_PATHS", [])]
    if path.startswith("..") or not any(path.startswith(folder + "/") for folder in folders):
        shown = ", ".join(f"content/{folder}/" for folder in folders)
        f.fail(key, f"'{text}' ligger inte i en mapp som publiceras", f"lägg filen i {shown} och skriv t.ex. file: {folders[0]}/{posixpath.basename(path)}")
    content = f.settings["PATH"]
    if not os.path.isfile(os.path.join(content, path)):
        folder = posixpath.dirname(path)
        try:
            siblings = sorted(f"{folder}/{name}" for name in os.listdir(os.path.join(content, folder)))
        except OSError:
            siblings = []
        lost = "skriv lost: true om filen inte finns längre"
        hint = f"{did_you_mean(path, siblings)} Annars {lost}" if siblings else f"lägg filen i content/{folder}/, rätta namnet eller {lost}"
        f.fail(key, f"filen 'content/{path}' finns inte", hint)
    return path


def _reviewed(f, value):
    if not isinstance(value, bool):
        f.fail("personal_data_reviewed", f"'{value}' är inte true eller false", "skriv personal_data_reviewed: true")
    return {"personal_data_reviewed": value}


@dataclass(frozen=True)
class PersonalDataException:
    """A personnummer, e-mail address or phone number this page may publish,
    and why: checked by archive_safety's personal-data guard."""

    value: str
    reason: str


def _personal_data_exceptions(f, value):
    found = []
    for index, raw in enumerate(f.items("personal_data_exceptions", value)):
        key = ("personal_data_exceptions", index)
        item = _mapping(f, key, raw, ("value", "reason"), ("value", "reason"))
        found.append(PersonalDataException(f.text((*key, "value"), item["value"]), f.text((*key, "reason"), item["reason"])))
    return {"personal_data_exceptions": tuple(found)}


STRUCTURED_FIELDS = {
    "quote": _quote,
    "progress": _progress,
    "period": _period,
    "series": _series,
    "theme": _theme,
    "follows": _follows,
    "agenda": _agenda,
    "attachments": _attachments,
    "personal_data_reviewed": _reviewed,
    "personal_data_exceptions": _personal_data_exceptions,
    **EVENT_FIELDS,
}
