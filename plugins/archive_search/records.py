"""What the index knows about a page besides its text: one SearchRecord per
indexed article or static page, and the filter groups of the search page.

Templates print a record as `data-pagefind-*` tags (partials/search_meta.html);
the search page lists the same values as its filters, so both come from here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

# Filter keys in the index (ASCII, stable in URLs) and their Swedish labels,
# in the order the search page shows them.
FILTER_GROUPS = (
    ("forvaltning", "Förvaltning"),
    ("typ", "Typ"),
    ("amne", "Ämne"),
    ("ar", "År"),
)
# Pagefind drops pages without the sort key from sorted results, so every
# indexed page gets one; undated static pages sort as the oldest.
SORT_KEY = "datum"
UNDATED = "0000-00-00"
# Static pages (about, accessibility statement) have no content type.
PAGE_TYPE_LABEL = "Sida"


@dataclass(frozen=True)
class SearchRecord:
    title: str
    date: str | None
    type: str
    administrations: tuple = ()
    topics: tuple = ()
    keywords: tuple = ()

    @property
    def sort_date(self):
        return self.date or UNDATED

    @property
    def filters(self):
        """Filter key → values, in FILTER_GROUPS order; empty groups left out."""
        values = {
            "forvaltning": self.administrations,
            "typ": (self.type,),
            "amne": self.topics,
            "ar": (self.date[:4],) if self.date else (),
        }
        return {key: values[key] for key, _ in FILTER_GROUPS if values[key]}


def search_record(item, registry):
    """The record of a published article or page; None for what is not indexed
    (drafts and hidden pages are never searchable)."""
    if item is None or getattr(item, "status", "published") != "published":
        return None
    date = getattr(item, "date", None) or getattr(item, "modified", None)
    content_type = getattr(item, "type", None)
    administrations = tuple(getattr(item, "administrations", None) or ())
    topics = [registry.topic(tag.name) for tag in getattr(item, "tags", None) or ()]
    author = getattr(item, "author", None)
    # Searchable words that are not in the text. Snowball cannot join
    # "ensam" and "ensamhet", so a page tagged "ofrivillig ensamhet" is
    # found by the topic's words and by its aliases ("civilsamhälle" finds
    # föreningsliv) even where its text uses another form.
    keywords = [
        *(word for topic in topics for word in (topic.name, *topic.aliases)),
        *(word for admin in administrations for word in (admin.name, admin.abbreviation)),
        *([str(author)] if author else []),
    ]
    return SearchRecord(
        title=str(item.title),
        date=date.date().isoformat() if date else None,
        type=content_type.label if content_type else PAGE_TYPE_LABEL,
        administrations=tuple(admin.name for admin in administrations),
        topics=tuple(topic.name for topic in topics),
        keywords=tuple(dict.fromkeys(keywords)),
    )


def swedish_key(text):
    """Sort key for Swedish words: å, ä, ö after z (as in a dictionary)."""
    return text.casefold().translate(str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e"}))


@dataclass(frozen=True)
class FilterGroup:
    key: str
    label: str
    values: tuple  # ((value, number of pages), …)


def filter_groups(records, registry):
    """The search page's filters: every value some indexed page has, with its
    count; administrations and types in registry order, topics A–Ö, years
    newest first."""
    counts = {key: Counter() for key, _ in FILTER_GROUPS}
    for record in records:
        for key, values in record.filters.items():
            counts[key].update(values)
    known_order = {
        "forvaltning": [admin.name for admin in registry.administrations.values()],
        "typ": [t.label for t in registry.types.values()] + [PAGE_TYPE_LABEL],
    }

    def ordered(key):
        found = counts[key]
        if key in known_order:
            return [v for v in known_order[key] if v in found]
        if key == "ar":
            return sorted(found, reverse=True)
        return sorted(found, key=swedish_key)

    return [
        FilterGroup(key, label, tuple((value, counts[key][value]) for value in ordered(key)))
        for key, label in FILTER_GROUPS
        if counts[key]
    ]
