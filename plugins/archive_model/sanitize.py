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

nh3 (the Python binding of the Rust sanitizer ammonia) does the cleaning: it
parses like a browser (html5ever) and writes back only the allowed subset,
every text and attribute escaped, so nothing a parser did not understand can
slip through. It removes silently, so this module reads the HTML first
(:class:`Findings`) for what nh3 cannot say: what was refused or stripped,
and on which line of the file.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from html.parser import HTMLParser

import nh3

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
ALIGN_STYLE = re.compile(r"^\s*text-align:\s*(left|right|center);?\s*$", re.I)
# Browsers ignore ASCII whitespace and control characters inside a scheme.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)


def keep_alignment(tag, name, value):
    """nh3's attribute filter: ``style`` (allowed on td and th only) stays
    just when it is a column alignment, which :func:`align_as_class` rewrites."""
    return value if name != "style" or ALIGN_STYLE.match(value) else None


CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=set(FORBIDDEN_TAGS),
    attributes={
        "*": GLOBAL_ATTRIBUTES,
        **TAG_ATTRIBUTES,
        "td": TAG_ATTRIBUTES["td"] | {"style"},
        "th": TAG_ATTRIBUTES["th"] | {"style"},
    },
    attribute_filter=keep_alignment,
    link_rel=None,  # rel= is the editor's; nh3 would otherwise add "noopener noreferrer"
    url_schemes=ALLOWED_SCHEMES,
    strip_comments=True,  # editors' notes are never published
)
# nh3 writes every attribute as name="value" with '"' escaped, "<" and ">" too.
ALIGNED_CELL = re.compile(r'<(t[dh])((?: [^\s=]+="[^"]*")* style="[^"]*"(?: [^\s=]+="[^"]*")*)>')
ATTRIBUTE = re.compile(r' ([^\s=]+)="([^"]*)"')


def align_as_class(cell):
    """``<th style="text-align: left;">`` as ``<th class="la-align-left">``:
    the class takes the place of the first of class and style, as Markdown wrote it."""
    attributes = ATTRIBUTE.findall(cell[2])
    classes = []
    for name, value in attributes:
        if name == "class":
            classes.extend(value.split())
        elif name == "style":
            classes.append(f"la-align-{ALIGN_STYLE.match(html.unescape(value)).group(1).lower()}")
    first = next(name for name, _ in attributes if name in {"class", "style"})
    rendered = "".join(
        f' class="{" ".join(classes)}"' if name == first else f' {name}="{value}"'
        for name, value in attributes
        if name == first or name not in {"class", "style"}
    )
    return f"<{cell[1]}{rendered}>"


class Findings(HTMLParser):
    """What of the HTML nh3 would refuse or strip, for the editor."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []  # (needle to find the line, message, hint)
        self.stripped = []  # what was removed, for the warning

    def handle_starttag(self, tag, attrs):  # also called for <tag/>
        if tag in FORBIDDEN_TAGS:
            self.problems.append((f"<{tag}", f"<{tag}> är inte tillåtet: {FORBIDDEN_TAGS[tag]}", FORBIDDEN_HINT.get(tag)))
            return
        self._attributes(tag, attrs)
        if tag not in ALLOWED_TAGS:
            self.stripped.append(f"<{tag}>")

    def handle_decl(self, decl):
        self.stripped.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.stripped.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.stripped.append(f"<![{data}]>")

    def _attributes(self, tag, attrs):
        allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
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
                pass  # becomes a class
            elif name not in allowed or (name in {"href", "src"} and not nh3_keeps_url(value)):
                self.stripped.append(f"{name}= på <{tag}>")


def url_is_allowed(value):
    """Relative URLs, Pelican's {filename}/{static} links and safe schemes."""
    match = SCHEME.match(URL_NOISE.sub("", value))
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


@functools.lru_cache(maxsize=4096)
def nh3_keeps_url(value):
    """False for an absolute URL nh3 cannot parse (``https://exa mple.se``):
    it drops the href or src, so the editor is told."""
    return not value or CLEANER.clean(f'<a href="{html.escape(value)}"></a>') != "<a></a>"


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
    findings = Findings()
    findings.feed(converted)
    findings.close()
    if findings.problems:
        needle, message, hint = findings.problems[0]
        raise ContentError(path, message, line=source_line(source, needle, first_line), hint=hint)
    if findings.stripped:
        logger.warning(
            "%s: togs bort ur texten (utanför den tillåtna HTML-delmängden, se docs/innehallsmodell.md): %s",
            path,
            ", ".join(dict.fromkeys(findings.stripped)),
        )
    return ALIGNED_CELL.sub(align_as_class, CLEANER.clean(converted))
