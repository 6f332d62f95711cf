"""What readers get of a page, as text the guard can match.

A personnummer hides from a pattern in many ways a reader never notices:
Markdown emphasis (``8501**01**-1234``), character references
(``&#56;&#53;…``), YAML escapes, a no-break or thin space, a dash that is no
hyphen, fullwidth or Arabic-Indic digits, a line break in the middle, or in
an alt text, a link target, a file name or an attached file. So the guard
matches each text after :func:`fold`:

- NFKC (fullwidth digits and letters, ligatures become plain ones);
- every digit of any script becomes its ASCII digit (``unicodedata.digit``);
- every dash-like character (Unicode's Pd, minus signs) becomes ``-``,
  every space-like one (Zs, tabs) a space, invisible format characters
  (soft hyphen, zero-width space and joiners) are removed;
- line breaks and the spaces around them are removed (``join=""``) for
  identity numbers, or become one space for phone numbers and e-mail
  addresses, whose own spaces matter.

Markup is removed before: :func:`html_texts` gives an HTML fragment's text
(references decoded) and, apart, its attribute values that readers see or
follow (alt, title, href, src, …), percent-decoded.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from urllib.parse import unquote

# Attributes whose values a reader sees, hears (a screen reader) or follows.
READ_ATTRIBUTES = frozenset({"alt", "title", "href", "src", "srcset", "aria-label", "content", "value", "data"})
MINUS_SIGNS = "\u2212\u207b\u208b\ufe63\uff0d"
LINE_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\u2028\u2029\x0b\x0c\x85])[ \t\r\n\u2028\u2029\x0b\x0c\x85]*")


class _Folding(dict):
    """Each character's fold, filled as characters are met (a pure
    function's memo: building it for all of Unicode up front would cost
    every build a second)."""

    def __missing__(self, code):
        char = chr(code)
        category = unicodedata.category(char)
        if char.isdigit() and not char.isascii() and unicodedata.digit(char, None) is not None:
            folded = str(unicodedata.digit(char))
        elif category == "Pd" or char in MINUS_SIGNS:
            folded = "-"
        elif category == "Zs" or char == "\t":
            folded = " "
        elif category == "Cf":
            folded = ""
        else:
            folded = char
        self[code] = folded
        return folded


_FOLDING = _Folding()


# Characters fold leaves alone: printable ASCII, line breaks and the Latin-1
# letters (å, ä, ö, é, …). Only the others are looked up (most pages have
# a few: quotes, dashes), after NFKC.
_OTHER = re.compile(r"[^\t\n\r\x20-\x7e\u00c0-\u00ff]")


def fold_characters(text):
    """``text`` with every character folded, line breaks kept."""
    if not _OTHER.search(text):
        return text
    return _OTHER.sub(_folded, unicodedata.normalize("NFKC", text))


def _folded(match):
    return _FOLDING[ord(match.group())]


def fold(text, join=""):
    """``text`` as the guard matches it (see the module's docstring)."""
    return LINE_BREAK.sub(join, fold_characters(text))


class _TextAndAttributes(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in READ_ATTRIBUTES:
                self.attributes.append(unquote(value))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def html_texts(fragment):
    """``(text, attribute values)`` of an HTML fragment: tags removed (not
    replaced by a space, as ``8501<em>01</em>`` reads as one number),
    character references decoded."""
    parser = _TextAndAttributes()
    parser.feed(str(fragment))
    parser.close()
    return "".join(parser.text), parser.attributes


def without_marks(text):
    """Markdown source as a reader would read it: the emphasis and code
    marks removed. (Tags stay: an attribute's value is read too; the
    rendered HTML is read apart.)"""
    return _MARKS.sub("", text)


_MARKS = re.compile(r"[*_`~\\]")


def values_in(value, depth=0):
    """Every string in a front-matter value (nested lists, dicts, the
    model's dataclasses), as the reader decoded it: YAML escapes are gone."""
    if depth > 8:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from values_in(key, depth + 1)
            yield from values_in(item, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from values_in(item, depth + 1)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from values_in(getattr(value, name, None), depth + 1)
