"""An agenda written in the text: a list right under a heading "Dagordning"
or "På agendan" becomes the page's agenda block, and leaves the text so it is
not shown twice.

Works on the HTML Python-Markdown produced (the reader's output), with the
standard library's HTML parser, so nested lists and links inside items stay
intact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from archive_model.errors import ContentError
from archive_model.reader import display_path
from archive_model.structured import Agenda
from markupsafe import Markup

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol"}
_NEWLINE = re.compile("\n")
# Every heading's inner HTML. The sanitizer escapes "<" and ">" in text and
# attribute values, so a tag always ends at the first ">".
_HEADING = re.compile(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class AgendaSection:
    heading: str
    items: tuple  # each item's inner HTML
    start: int  # where the heading begins in the HTML
    end: int  # where the list ends


def normalise_heading(text):
    return " ".join(text.split()).rstrip(":").strip().casefold()


class _Finder(HTMLParser):
    """Finds the first heading named in ``headings`` directly followed by a list."""

    def __init__(self, html, headings):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.headings = {normalise_heading(h) for h in headings}
        # Where each line starts (the parser gives line and column), found by
        # the regex engine rather than a Python loop over every character.
        self._line_starts = [0, *(match.end() for match in _NEWLINE.finditer(html))]
        self.state = "seek"
        self.found = None
        self._heading = None
        self._text = []
        self._depth = 0
        self._items = []
        self._item_start = None

    def _offset(self):
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag, attrs):
        if self.state == "after_heading":
            if tag in _LISTS:
                self.state, self._depth = "list", 1
                return
            self.state = "seek"
        if self.state == "seek" and tag in _HEADINGS:
            self.state, self._heading, self._text = "heading", (tag, self._offset()), []
        elif self.state == "list":
            if tag in _LISTS:
                self._depth += 1
            elif tag == "li" and self._depth == 1:
                self._item_start = self._offset() + len(self.get_starttag_text())

    def handle_data(self, data):
        if self.state == "heading":
            self._text.append(data)
        elif self.state == "after_heading" and data.strip():
            self.state = "seek"

    def handle_endtag(self, tag):
        if self.state == "heading" and tag == self._heading[0]:
            text = "".join(self._text)
            self.state = "after_heading" if normalise_heading(text) in self.headings else "seek"
            self._heading_text = " ".join(text.split())
        elif self.state == "list":
            if tag == "li" and self._depth == 1 and self._item_start is not None:
                self._items.append(self.html[self._item_start : self._offset()].strip())
                self._item_start = None
            elif tag in _LISTS:
                self._depth -= 1
                if self._depth == 0:
                    end = self.html.index(">", self._offset()) + 1
                    self.found = AgendaSection(self._heading_text, tuple(self._items), self._heading[1], end)
                    self.state = "done"


def names_an_agenda_heading(html, headings):
    """Whether some heading in ``html`` reads as one of ``headings``, found
    with two regular expressions: most pages have none, and parsing every
    page's HTML took a second at 10,000 pages, on one core."""
    wanted = {normalise_heading(h) for h in headings}
    return any(
        normalise_heading(unescape(_TAG.sub("", match.group(1)))) in wanted for match in _HEADING.finditer(html)
    )


def find_agenda_section(html, headings):
    """The first agenda section in ``html``, or None."""
    if not html or not names_an_agenda_heading(html, headings):
        return None
    finder = _Finder(html, headings)
    finder.feed(html)
    finder.close()
    return finder.found


class LinkedHtml:
    """An agenda item's HTML, with Pelican's ``{filename}`` links resolved
    when it is rendered (as the page's own content is), so relative URLs are
    right for the page being written."""

    def __init__(self, page, html):
        self.page = page
        self.html = html

    def __html__(self):
        return Markup(self.page._update_content(self.html, self.page.get_siteurl()))

    def __str__(self):
        return self.__html__()


def take_agenda_from_text(page, headings):
    """Move an agenda written in the text into ``page.agenda``.

    Returns the section found (None if there is none); the caller reports a
    page that has both an ``agenda:`` field and such a section.
    """
    section = find_agenda_section(page._content, headings)
    if section is None or getattr(page, "agenda", None):
        return section
    page.agenda = Agenda(tuple(LinkedHtml(page, item) for item in section.items), heading=section.heading)
    page._content = (page._content[: section.start] + page._content[section.end :]).strip("\n") + "\n"
    return section


def agenda_from_text(page, headings):
    """Take the page's agenda from its text (:func:`take_agenda_from_text`);
    the ContentError if it also has an ``agenda:`` field, else None."""
    section = take_agenda_from_text(page, headings)
    agenda = getattr(page, "agenda", None)
    if not (section and agenda and agenda.line is not None):
        return None
    return ContentError(
        display_path(page.source_path),
        f"dagordningen står både i fältet 'agenda' och under rubriken '{section.heading}' i texten",
        line=agenda.line, field="agenda",
        hint=f"behåll den ena: ta bort fältet agenda eller rubriken '{section.heading}' med listan",
    )
