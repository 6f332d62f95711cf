"""The ``<meta name="description">`` of every page: the first of the texts a
template offers (a summary, the text, a listing's own sentence) that has any
words, as plain text trimmed at a word. Search engines show about 155
characters; a description cut mid-word reads as broken."""

from __future__ import annotations

import re
from html.parser import HTMLParser

MAX_LENGTH = 155
_SPACE = re.compile(r"\s+")
# Markup whose text is no part of what a page says.
_SKIPPED = {"script", "style", "template", "noscript"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in {"p", "li", "br", "h2", "h3", "h4", "td", "div"}:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def plain_text(html):
    parser = _Text()
    parser.feed(str(html or ""))
    parser.close()
    return _SPACE.sub(" ", "".join(parser.parts)).strip()


def trimmed(text, limit=MAX_LENGTH):
    """``text`` if it fits, else cut at the last whole word with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def meta_description(*texts):
    """The first of ``texts`` (HTML or plain; lists are read in order) with
    any words, as plain text of at most MAX_LENGTH characters."""
    for text in texts:
        if isinstance(text, (list, tuple)):
            found = meta_description(*text)
        else:
            found = trimmed(plain_text(text))
        if found:
            return found
    return ""
