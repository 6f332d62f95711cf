"""The raw-HTML policy: what of an editor's HTML reaches the published page.

Markdown lets editors write HTML. The converted body of every file passes
through :func:`sanitize` before Pelican sees it, so pages, listings,
summaries, feeds and the search index (all made from that body) only ever
hold the safe subset below. The policy, case by case (docs/innehallsmodell.md
tells editors the same):

* **Stops the build** (a :class:`ContentError` with file and line): anything
  that runs code, loads from elsewhere or submits data — ``<script>``,
  ``<iframe>``, ``<object>``, ``<embed>``, ``<form>``, ``<style>``, ``<svg>``
  … (:data:`FORBIDDEN_TAGS`), event-handler attributes (``onerror=…``), and
  URLs whose scheme is not http(s), mailto or tel (``javascript:``,
  ``data:``, ``vbscript:``). Silently dropping them would hide from the editor
  that the page does not say what they meant; the hint says what to do instead.
* **Stripped with a warning** (the page is published without it): tags outside
  the subset that only change the look (``<font>``, ``<center>``, ``<span>``;
  their text is kept) and attributes outside it (``style``, ``width`` on a
  paragraph …). Inline styles would be blocked by the Content-Security-Policy
  anyway.
* **Rewritten quietly**: the Markdown table extension's
  ``style="text-align: …"`` becomes the class ``la-align-…`` (the CSP blocks
  inline styles); HTML comments are dropped, so an editor's notes to
  colleagues are never published.

The result is re-serialised from parsed tokens with every text and attribute
escaped, so nothing the parser did not understand can slip through.
"""

from __future__ import annotations

import html
import logging
import re
from html.parser import HTMLParser

from .errors import ContentError

logger = logging.getLogger(__name__)

# The subset editors may use (beyond what Markdown writes itself).
ALLOWED_TAGS = {
    "a", "abbr", "address", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "ul",
}
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir"}
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel"},
    "img": {"src", "alt", "width", "height", "loading"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_ATTRIBUTES = {"href", "src", "cite"}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
# Elements whose content is dropped with them (it is code or styling, not text).
FORBIDDEN_TAGS = {
    "script": "skript körs aldrig på webbplatsen",
    "noscript": "skript körs aldrig på webbplatsen",
    "iframe": "inbäddat innehåll från andra webbplatser laddas inte (integritet, tillgänglighet)",
    "frame": "ramar används inte",
    "frameset": "ramar används inte",
    "object": "inbäddade objekt laddas inte",
    "embed": "inbäddade objekt laddas inte",
    "applet": "inbäddade objekt laddas inte",
    "form": "formulär kan inte skickas från arkivet",
    "input": "formulär kan inte skickas från arkivet",
    "button": "formulär kan inte skickas från arkivet",
    "select": "formulär kan inte skickas från arkivet",
    "textarea": "formulär kan inte skickas från arkivet",
    "style": "sidans utseende bestäms av temat",
    "link": "sidans utseende bestäms av temat",
    "meta": "sidhuvudet bestäms av temat",
    "base": "sidhuvudet bestäms av temat",
    "svg": "bilder läggs som filer i content/bilder/",
    "math": "formler skrivs som text eller bild",
    "template": "mallar hör till temat",
}
FORBIDDEN_HINT = {
    "script": "ta bort koden; behöver sidan en funktion, be webbplatsens utvecklare om den",
    "noscript": "ta bort koden; behöver sidan en funktion, be webbplatsens utvecklare om den",
    "form": "länka till formuläret där det finns, t.ex. på helsingborg.se",
    "style": "ta bort det; vill du framhäva text, skriv **fetstil**",
    "iframe": "länka till videon eller kartan i stället: [Se filmen](https://…)",
    "object": "länka till filen i stället",
    "embed": "länka till filen i stället",
    "svg": "lägg bilden i content/bilder/ och skriv ![Alternativtext]({static}/bilder/namn.svg)",
}
VOID_TAGS = {"br", "hr", "img"}
ALIGN_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$", re.I)
# Browsers ignore ASCII whitespace and control characters inside a scheme.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)


class RawHTMLPolicy(HTMLParser):
    """Parses converted Markdown and writes back only the allowed subset."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.problems = []  # (needle to find the line, message, hint)
        self.stripped = []  # what was removed, for the warning
        self.skipping = None  # a forbidden element whose content is dropped
        self.open_allowed = []

    # -- parser callbacks ---------------------------------------------------
    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, closed=True)

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping:
                self.skipping = None
            return
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS and tag in self.open_allowed:
            # Close what was left open inside, so the output stays balanced.
            while self.open_allowed:
                inner = self.open_allowed.pop()
                self.out.append(f"</{inner}>")
                if inner == tag:
                    break

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))

    def handle_comment(self, data):
        pass  # editors' notes are never published

    def handle_decl(self, decl):
        self.stripped.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.stripped.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.stripped.append(f"<![{data}]>")

    # -- policy -------------------------------------------------------------
    def _start(self, tag, attrs, closed):
        if self.skipping:
            return
        if tag in FORBIDDEN_TAGS:
            self.problems.append((f"<{tag}", f"<{tag}> är inte tillåtet: {FORBIDDEN_TAGS[tag]}", FORBIDDEN_HINT.get(tag)))
            if not closed and tag not in {"input", "meta", "link", "base", "embed", "frame"}:
                self.skipping = tag
            return
        kept = self._attributes(tag, attrs)
        if tag not in ALLOWED_TAGS:
            self.stripped.append(f"<{tag}>")
            return
        rendered = "".join(f' {name}="{html.escape(value)}"' if value is not None else f" {name}" for name, value in kept)
        self.out.append(f"<{tag}{rendered}>")
        if tag not in VOID_TAGS and not closed:
            self.open_allowed.append(tag)

    def _attributes(self, tag, attrs):
        allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
        kept, classes = [], []
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(
                    (f"{name}", f"attributet {name}= är inte tillåtet: skript körs aldrig på webbplatsen", "ta bort attributet")
                )
            elif name in URL_ATTRIBUTES and value and not url_is_allowed(value):
                scheme = SCHEME.match(URL_NOISE.sub("", value)).group(1).lower()
                self.problems.append(
                    (f"{scheme}:", f"länkar med '{scheme}:' är inte tillåtna", "länka med https://, mailto: eller tel:, eller till en sida i arkivet")
                )
            elif name == "style" and tag in {"td", "th"} and value and ALIGN_STYLE.match(value):
                classes.append(f"la-align-{ALIGN_STYLE.match(value).group(1).lower()}")
            elif name == "class":
                classes.extend((value or "").split())
            elif name in allowed:
                kept.append((name, value))
            else:
                self.stripped.append(f"{name}= på <{tag}>")
            if classes and ("class", None) not in kept:
                kept.append(("class", None))  # keeps its place: output stays as Markdown wrote it
        return [("class", " ".join(classes)) if item == ("class", None) else item for item in kept]

    def result(self):
        while self.open_allowed:
            self.out.append(f"</{self.open_allowed.pop()}>")
        return "".join(self.out)


def url_is_allowed(value):
    """Relative URLs, Pelican's {filename}/{static} links and safe schemes."""
    match = SCHEME.match(URL_NOISE.sub("", value))
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


def source_line(source, needle, first_line):
    """The line of ``needle`` in the Markdown body, numbered as in the file."""
    index = source.lower().find(needle.lower())
    if index < 0:
        return None
    return first_line + source.count("\n", 0, index)


def sanitize(converted, source, path, first_line):
    """``converted`` (Markdown's HTML) reduced to the safe subset.

    ``source`` is the Markdown body and ``first_line`` its first line's number
    in the file, so an error can point at the line the editor wrote.
    Raises :class:`ContentError` for the first forbidden construct.
    """
    policy = RawHTMLPolicy()
    policy.feed(converted)
    policy.close()
    if policy.problems:
        needle, message, hint = policy.problems[0]
        raise ContentError(path, message, line=source_line(source, needle, first_line), hint=hint)
    if policy.stripped:
        logger.warning(
            "%s: togs bort ur texten (utanför den tillåtna HTML-delmängden, se docs/innehallsmodell.md): %s",
            path,
            ", ".join(dict.fromkeys(policy.stripped)),
        )
    return policy.result()
