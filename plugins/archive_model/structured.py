"""Parsers for the structured front-matter fields beyond the common ones.

Each takes ``(fields, value)`` and returns metadata to merge; see
docs/innehallsmodell.md for what editors write.
"""

from __future__ import annotations

from dataclasses import dataclass

from .event_fields import EVENT_FIELDS


@dataclass(frozen=True)
class Quote:
    text: str
    name: str
    role: str = ""


@dataclass(frozen=True)
class Attachment:
    file: str
    title: str


def _mapping(f, key, value, allowed, required=()):
    if not isinstance(value, dict):
        f.fail(key, "ska vara fält med värden", f"skriv t.ex. {key}: {{{', '.join(f'{a}: …' for a in required or allowed)}}}")
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
    try:
        return {"series": f.registry.a_series(value)}
    except LookupError as exc:
        f.fail("series", f"okänd serie '{value}'", str(exc) + " Nya serier läggs till i data/registry.yaml.")


def _follows(f, value):
    return {"follows": f.text("follows", value)}


def _agenda(f, value):
    items = f.items("agenda", value)
    return {"agenda": [f.text(("agenda", i), item) for i, item in enumerate(items)]}


def _attachments(f, value):
    items = f.items("attachments", value)
    attachments = []
    for index, item in enumerate(items):
        item = _mapping(f, ("attachments", index), item, ("file", "title"), ("file", "title"))
        attachments.append(Attachment(file=str(item["file"]).strip(), title=str(item["title"]).strip()))
    return {"attachments": attachments}


def _reviewed(f, value):
    if not isinstance(value, bool):
        f.fail("personal_data_reviewed", f"'{value}' är inte true eller false", "skriv personal_data_reviewed: true")
    return {"personal_data_reviewed": value}


STRUCTURED_FIELDS = {
    "quote": _quote,
    "progress": _progress,
    "period": _period,
    "series": _series,
    "follows": _follows,
    "agenda": _agenda,
    "attachments": _attachments,
    "personal_data_reviewed": _reviewed,
    **EVENT_FIELDS,
}
