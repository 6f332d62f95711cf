"""LIX (läsbarhetsindex), the Swedish readability measure:

    LIX = words / sentences + 100 × long words / words

where a long word has more than six letters. It is computed from a page's
rendered HTML, leaving out what is not running prose: headings, code,
tables, and list items that are not sentences (lists of names, agenda
points). Numbers are not words. On the usual scale (lix.se): under 30 very
easy, 30–40 easy, 40–50 medium, 50–60 hard ("svår"), over 60 very hard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

WORD = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*")
LONG_WORD_LETTERS = 7
SCALE = (
    (30, "mycket lätt"),
    (40, "lätt"),
    (50, "medelsvår"),
    (60, "svår"),
    (float("inf"), "mycket svår"),
)
# fmt: off
# Left out: headings, code, tables and anything not shown as text.
SKIPPED = {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "kbd", "samp", "table", "script",
           "style", "template"}
BLOCKS = {"p", "div", "li", "blockquote", "dd", "dt", "figcaption", "section", "article", "aside",
          "address"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col", "embed",
        "track"}
# Abbreviations whose full stop ends no sentence ("t.ex. Anna" is one sentence).
ABBREVIATIONS = {
    "t.ex", "bl.a", "m.m", "s.k", "o.s.v", "osv", "dvs", "d.v.s", "kl", "ca", "nr", "jfr", "resp",
    "p.g.a", "pga", "t.o.m", "fr.o.m", "m.fl", "etc", "f.d", "t.v", "o.d", "s", "sid", "ev", "inkl",
    "exkl", "tel", "fr",
}
# fmt: on
ENDS = ".!?:"
CLOSING = "\"'”’»)]"


@dataclass(frozen=True)
class Lix:
    words: int
    sentences: int
    long_words: int

    @property
    def value(self):
        if not self.words:
            return None
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def rounded(self):
        """LIX is read as a whole number: 50.4 is 50, not "above 50"."""
        return None if self.value is None else round(self.value)

    @property
    def label(self):
        if self.rounded is None:
            return "ingen text"
        return next(label for limit, label in SCALE if self.rounded < limit)


def lix_of_html(html):
    """The LIX of a page's rendered HTML (see the module's docstring)."""
    words = sentences = long_words = 0
    for block in prose_blocks(html):
        found = WORD.findall(block)
        if not found:
            continue
        words += len(found)
        long_words += sum(1 for w in found if sum(ch.isalpha() for ch in w) >= LONG_WORD_LETTERS)
        sentences += count_sentences(block)
    return Lix(words, sentences, long_words)


def count_sentences(block):
    """Full stops, exclamation and question marks and colons that end a
    sentence: before a capital letter or at the end of the block. A block
    always ends one."""
    tokens = block.split()
    count = 0
    for index, token in enumerate(tokens):
        bare = token.rstrip(CLOSING)
        if not bare or bare[-1] not in ENDS:
            continue
        last = index == len(tokens) - 1
        if last:
            count += 1
            continue
        if bare.rstrip(ENDS).lower() in ABBREVIATIONS and bare.endswith("."):
            continue
        following = tokens[index + 1].lstrip("\"'“”‘’«»([–—-")
        if following[:1].isupper():
            count += 1
    if tokens and tokens[-1].rstrip(CLOSING)[-1:] not in ENDS:
        count += 1
    return count


def prose_blocks(html):
    parser = _ProseParser()
    parser.feed(html)
    parser.close()
    return [block for block in parser.blocks if block.strip()]


class _ProseParser(HTMLParser):
    """Collects the text of each block; list items only if they are sentences."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self._skipping = []
        self._buffers = [[]]
        self._items = []  # one buffer stack depth per open <li>

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            self._buffers[-1].append(" ")
            return
        if self._skipping or tag in SKIPPED:
            self._skipping.append(tag)
            return
        if tag in BLOCKS:
            self._flush()
            if tag == "li":
                self._buffers.append([])

    def handle_endtag(self, tag):
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag == "li" and len(self._buffers) > 1:
            text = " ".join("".join(self._buffers.pop()).split())
            # A list item is prose only if it ends like a sentence.
            if text.rstrip(CLOSING)[-1:] in ENDS:
                self.blocks.append(text)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skipping:
            self._buffers[-1].append(data)

    def close(self):
        super().close()
        while len(self._buffers) > 1:
            self.handle_endtag("li")
        self._flush()

    def _flush(self):
        buffer = self._buffers[-1]
        if len(self._buffers) > 1:
            return  # inside a list item: its text is judged when it ends
        text = " ".join("".join(buffer).split())
        if text:
            self.blocks.append(text)
        buffer.clear()
