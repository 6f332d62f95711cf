"""The registry: one YAML file declaring types, administrations, series, topics.

Plugins, templates (as ``REGISTRY``), ``invoke new`` and ``invoke check`` all
read it through :func:`load_registry`, so adding a vocabulary entry is a data
change only.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field

import yaml
from pelican.utils import slugify
from unidecode import unidecode

from .errors import did_you_mean


class RegistryError(ValueError):
    """The registry file itself is broken: stops the build at start-up."""


def fold(value):
    """Compare names the way editors write them: any case, with or without
    å/ä/ö, hyphens and spaces alike."""
    return _fold(str(value))


@functools.lru_cache(maxsize=4096)
def _fold(text):
    # A build looks up the same few hundred names (topics, administrations)
    # for every page; unidecode and the character filter are done once each.
    text = unidecode(text).lower()
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class ContentType:
    slug: str
    label: str
    plural: str
    folder: str
    can_go_stale: bool = False


@dataclass(frozen=True)
class Administration:
    slug: str
    name: str
    abbreviation: str
    description: str = ""
    primary: bool = False
    challenge: str | None = None
    contact: str | None = None
    # Optional "#rrggbb": an accent beside the text badge, never the only cue.
    colour: str | None = None
    aliases: tuple = ()
    # Where its pages are, relative to the site: set for a build by the
    # plugin that writes them (archive_administrations), None without it.
    # Not compared: the same administration with or without its addresses.
    url: str | None = field(default=None, compare=False)
    save_as: str | None = field(default=None, compare=False)
    page_name: str | None = field(default=None, compare=False)
    feed_url: str | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.colour is not None and not re.fullmatch(r"#[0-9a-fA-F]{6}", str(self.colour)):
            raise TypeError(f"förvaltningen '{self.slug}': colour ska vara #rrggbb, inte {self.colour!r}")

    @property
    def spellings(self):
        return (self.slug, self.name, self.abbreviation, *self.aliases)

    @property
    def contact_email(self):
        """The contact when it is an e-mail address (shown as a mailto:
        link), else None (free text such as a phone number)."""
        contact = str(self.contact or "").strip()
        return contact if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", contact) else None


@dataclass(frozen=True)
class Series:
    slug: str
    name: str
    description: str = ""
    place: str | None = None
    organiser: str | None = None


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    aliases: tuple = ()


@dataclass
class Registry:
    types: dict = field(default_factory=dict)
    administrations: dict = field(default_factory=dict)
    series: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    # The city's own phone numbers besides the administrations' contacts:
    # the personal-data guard lets them through (archive_safety).
    contact_numbers: tuple = ()

    def __post_init__(self):
        self._admin_index = _index(self.administrations.values())
        self._topic_index = _index(self.topics.values())

    @property
    def primary_administrations(self):
        return [a for a in self.administrations.values() if a.primary]

    def administration(self, value):
        """The administration an editor meant, or LookupError with a hint."""
        found = self._admin_index.get(fold(value))
        if found is None:
            shown = {k: _describe_admin(a) for k, a in self._admin_index.items()}
            raise LookupError(did_you_mean(fold(value), shown))
        return found

    def topic(self, value):
        found = self._topic_index.get(fold(value))
        if found is None:
            shown = {k: f"'{t.name}'" for k, t in self._topic_index.items()}
            raise LookupError(did_you_mean(fold(value), shown))
        return found

    def content_type(self, value):
        found = self.types.get(str(value).strip().lower())
        if found is None:
            raise LookupError(did_you_mean(value, list(self.types)))
        return found

    def a_series(self, value):
        found = self.series.get(str(value).strip().lower())
        if found is None:
            raise LookupError(did_you_mean(value, list(self.series)))
        return found


def _describe_admin(admin):
    return f"'{admin.slug}' ({admin.name})"


def _index(entries):
    index = {}
    for entry in entries:
        for spelling in getattr(entry, "spellings", (entry.slug, entry.name, *entry.aliases)):
            index[fold(spelling)] = entry
    return index


@functools.lru_cache(maxsize=4)
def _load(path, _mtime):
    try:
        with open(path, encoding="utf-8") as handle:
            raw = yaml.safe_load(handle) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{path}: registret kan inte läsas: {exc}") from exc
    try:
        return Registry(
            types={k: ContentType(slug=k, **v) for k, v in raw["types"].items()},
            administrations={
                k: Administration(slug=k, **{**v, "aliases": tuple(v.get("aliases", ()))})
                for k, v in raw["administrations"].items()
            },
            series={k: Series(slug=k, **v) for k, v in raw.get("series", {}).items()},
            topics={
                slugify(t["name"]): Topic(
                    slug=slugify(t["name"]), name=t["name"], aliases=tuple(t.get("aliases", ()))
                )
                for t in raw.get("topics", [])
            },
            contact_numbers=tuple(str(n) for n in raw.get("contact_numbers") or ()),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise RegistryError(f"{path}: registret har fel form ({exc!r})") from exc


def load_registry(path):
    """The registry at ``path``, re-read only when the file changes (``invoke serve``)."""
    path = os.path.abspath(path)
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError as exc:
        raise RegistryError(f"registret saknas: {path}") from exc
    return _load(path, mtime)
