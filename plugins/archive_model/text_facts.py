"""What the link checks need from a page's HTML: its ids, links and images.

Found while the file is read (in the reading workers, prefetch.py), kept with
its metadata and so in Pelican's content cache: the checks do not parse every
page's HTML again in the build process, nor in a CI build whose pages come
from the cache (issue #10). A plugin may still change a page's text after
reading (archive_series takes the agenda out of it): the facts carry the
digest of the HTML they were found in, and :func:`facts_of` finds them again
when the text is no longer that HTML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class TextFacts:
    """The ids, links ((tag, href or src)) and images (attributes) of one text."""

    digest: bytes
    ids: frozenset
    links: tuple
    images: tuple


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.images = set(), [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name):
                self.links.append((tag, attributes[name]))
        if tag == "img":
            self.images.append(attributes)


def digest(html):
    return hashlib.blake2b((html or "").encode("utf-8"), digest_size=16).digest()


def find_facts(html):
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    return TextFacts(digest(html), frozenset(collector.ids), tuple(collector.links), tuple(collector.images))


def facts_of(content):
    """The facts of ``content``'s text as it is now: those found while it
    was read, unless its text has changed since."""
    html = content._content
    found = getattr(content, "text_facts", None)
    if isinstance(found, TextFacts) and found.digest == digest(html):
        return found
    return find_facts(html)
