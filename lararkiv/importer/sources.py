"""Read what the old site left behind into :class:`Post` objects.

Two shapes: a WordPress export (WXR, the XML "Verktyg → Exportera" writes)
and a plain-text listing (posts run together as the seeds hold them: a title
line, then paragraphs, then the next title). Nothing here guesses about
types or events; it only says what the source says, with the line it says
it on, so that every inference can name its source line.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from archive_model.dates import parse_datetime

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# WordPress 1.0/1.1 exports use other namespace versions of the same fields.
WP_NAMESPACES = ("http://wordpress.org/export/1.2/", "http://wordpress.org/export/1.1/",
                 "http://wordpress.org/export/1.0/")
ZERO_DATE = "0000-00-00 00:00:00"


class SourceError(ValueError):
    """The source cannot be read; a Swedish sentence with what to do."""


@dataclass
class Attachment:
    url: str
    title: str
    parent: str
    line: int


@dataclass
class Post:
    title: str
    body: str                      # HTML (WXR) or plain text (listing)
    is_html: bool
    source: str                    # file name, for the report
    line: int                      # where the post starts in the source
    kind: str = "post"             # post | page
    date: dt.datetime | None = None  # aware, Europe/Stockholm; None = not in the source
    date_line: int | None = None
    date_note: str = ""
    status: str = "publish"
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    author: str = ""
    old_url: str = ""
    slug: str = ""
    post_id: str = ""
    attachments: list = field(default_factory=list)
    excerpt: str = ""              # WordPress's own summary, as plain text
    # Line number in the source of each body line (listing) or the body's
    # first line (WXR), so that an inference can name where it came from.
    body_line: int = 0

    def line_of(self, text):
        """The source line where ``text`` (from the converted Markdown) first
        occurs in the body; in HTML the Markdown's marks are not there, so
        the text without them, and then what follows a label, are tried."""
        text = text or ""
        plain = re.sub(r"[*_`]+", "", text)
        for needle in (text, plain, plain.split(":", 1)[-1].strip()):
            index = self.body.find(needle) if needle else -1
            if index >= 0:
                return self.body_line + self.body.count("\n", 0, index)
        return self.line


# ---------------------------------------------------------------- WXR


def _line_index(raw):
    """Line numbers of <item> elements in the raw XML, in order."""
    return [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<item[\s>]", raw)]


def _text(item, path):
    for namespace in WP_NAMESPACES:
        found = item.find(path.replace("wp:", f"{{{namespace}}}"))
        if found is not None:
            return (found.text or "").strip()
    found = item.find(path, NS) if ":" in path and not path.startswith("wp:") else item.find(path)
    return (found.text or "").strip() if found is not None else ""


def _local_date(local, gmt, zone):
    """The post's time in the site's zone, from post_date_gmt when WordPress
    wrote one (a draft has 0000-00-00), else post_date read as local time.
    Returns (date, note); the note says when the two disagree."""
    try:
        wall = dt.datetime.strptime(local, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone) if local and local != ZERO_DATE else None
    except ValueError:
        wall = None
    if gmt and gmt != ZERO_DATE:
        try:
            utc = dt.datetime.strptime(gmt, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
        except ValueError:
            return wall, f"post_date_gmt '{gmt}' kunde inte läsas"
        converted = utc.astimezone(zone)
        if wall and converted.replace(tzinfo=None) != wall.replace(tzinfo=None):
            return converted, (f"post_date {local} och post_date_gmt {gmt} säger olika tider; "
                               "UTC-tiden räknad till svensk tid gäller")
        return converted, ""
    return wall, "" if wall else "inget publiceringsdatum i exporten"


def read_wxr(path, zone="Europe/Stockholm"):
    with open(path, encoding="utf-8") as handle:
        raw = handle.read()
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise SourceError(f"{path}: ingen läsbar WordPress-export ({exc}); exportera igen "
                          "med Verktyg → Exportera → Allt innehåll") from exc
    channel = root.find("channel")
    if channel is None:
        raise SourceError(f"{path}: saknar <channel>; är det en WordPress-export (WXR)?")
    zone = ZoneInfo(zone)
    authors = {}
    for namespace in WP_NAMESPACES:
        for author in channel.findall(f"{{{namespace}}}author"):
            login = _text(author, "wp:author_login")
            authors[login] = _text(author, "wp:author_display_name") or login
    base = _text(channel, "wp:base_blog_url") or (channel.findtext("link") or "").strip()
    lines = _line_index(raw)
    posts, attachments, skipped = [], [], []
    for index, item in enumerate(channel.findall("item")):
        line = lines[index] if index < len(lines) else 1
        kind = _text(item, "wp:post_type") or "post"
        title = (item.findtext("title") or "").strip()
        if kind == "attachment":
            attachments.append(Attachment(
                url=_text(item, "wp:attachment_url") or (item.findtext("guid") or "").strip(),
                title=title, parent=_text(item, "wp:post_parent"), line=line))
            continue
        if kind not in ("post", "page") or _text(item, "wp:status") in ("trash", "auto-draft", "inherit"):
            skipped.append(f"rad {line}: {kind} '{title}' ({_text(item, 'wp:status') or 'utan status'}) hoppades över")
            continue  # menus, revisions, the bin: not the archive's pages
        date, note = _local_date(_text(item, "wp:post_date"), _text(item, "wp:post_date_gmt"), zone)
        body = item.findtext(f"{{{NS['content']}}}encoded") or ""
        body_at = raw.find("<content:encoded>", raw.find("<title>", _offset(raw, line)))
        posts.append(Post(
            title=title, body=body, is_html=True, source=str(path), line=line, kind=kind,
            date=date, date_line=line, date_note=note,
            status=_text(item, "wp:status") or "publish",
            categories=[(c.text or "").strip() for c in item.findall("category") if c.get("domain") == "category"],
            tags=[(c.text or "").strip() for c in item.findall("category") if c.get("domain") == "post_tag"],
            author=authors.get(item.findtext(f"{{{NS['dc']}}}creator") or "", item.findtext(f"{{{NS['dc']}}}creator") or ""),
            old_url=(item.findtext("link") or "").strip(),
            slug=_text(item, "wp:post_name"), post_id=_text(item, "wp:post_id"),
            excerpt=" ".join(re.sub(r"<[^>]+>", " ", item.findtext(f"{{{NS['excerpt']}}}encoded") or "").split()),
            body_line=raw.count("\n", 0, body_at) + 1 if body_at >= 0 else line,
        ))
    by_id = {p.post_id: p for p in posts}
    for attachment in attachments:
        if attachment.parent in by_id:
            by_id[attachment.parent].attachments.append(attachment)
    return base, posts, attachments, skipped


def _offset(raw, line):
    offset = 0
    for _ in range(line - 1):
        offset = raw.find("\n", offset) + 1
    return offset


# ---------------------------------------------------------------- listing

SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|(?:\* ){2,}\*|={3,}|\f)\s*$")
SENTENCE_END = re.compile(r"[.!?:;,…]$")
DATE_LINE = re.compile(r"^(?:Publicerad|Publicerat|Datum)\s*:?\s*(\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?)\s*$", re.I)


def _blocks(text):
    """Paragraphs as (first line number, text), blank lines between."""
    blocks, current, start = [], [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not SEPARATOR.match(line):
            if not current:
                start = number
            current.append(line.rstrip())
        else:
            if current:
                blocks.append((start, "\n".join(current)))
            current = []
            if SEPARATOR.match(line):
                blocks.append((number, None))  # an explicit break between posts
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def _words(text):
    return set(re.findall(r"\w{5,}", text.lower()))


def looks_like_title(block, lead):
    """A heading-like line (one line, no closing punctuation, not a list
    item, 3–16 words) that the next paragraph takes up: it repeats a word of
    five letters or more from it or opens with the same word. In-post headings
    ("Arbetssätt", "Vad är självhjälpsgrupper?") fail one of these."""
    if block is None or lead is None or "\n" in block:
        return False
    words = block.split()
    if not 3 <= len(words) <= 16 or SENTENCE_END.search(block) or block.lstrip()[:1] in "•-–*(":
        return False
    if len(lead) < 80 or ("\n" in lead.strip() and lead.lstrip()[:1] in "•-–*"):
        return False
    stems = {w[:6] for w in _words(block)}
    return bool(stems & {w[:6] for w in _words(lead)})


def read_listing(path, titles=None):
    """Posts from a plain-text listing, and how they were split.

    A listing run together has no mark where one post ends, and a heading
    inside a long post looks like the next post's title. So, surest first:
    ``titles`` (the old site's list of post titles, one a line: its archive
    page or sitemap) splits exactly at those lines; else a separator line
    (---, ***, ===) in the file; else each title-like line its next paragraph
    takes up (:func:`looks_like_title`), which the report calls a guess.
    Returns (posts, how) with how one of "rubriker", "avgränsare", "gissad".
    """
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read().replace("\r\n", "\n")
    blocks = _blocks(text)
    wanted = {_fold_title(t) for t in titles or () if t.strip()}
    explicit = any(b is None for _, b in blocks)
    how = "rubriker" if wanted else "avgränsare" if explicit else "gissad"
    starts = []
    for index, (_line, block) in enumerate(blocks):
        lead = blocks[index + 1][1] if index + 1 < len(blocks) else None
        previous = blocks[index - 1][1] if index else None
        if block is None:
            continue
        if wanted:
            if index == 0 or _fold_title(block) in wanted:
                starts.append(index)
        elif explicit:
            if index == 0 or previous is None:
                starts.append(index)
        elif index == 0 or looks_like_title(block, lead):
            starts.append(index)
    posts = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(blocks)
        line, title = blocks[start]
        body_blocks = [(n, b) for n, b in blocks[start + 1:end] if b is not None]
        date, date_line = None, None
        if body_blocks and DATE_LINE.match(body_blocks[0][1]):
            value, _has_time = parse_datetime(DATE_LINE.match(body_blocks[0][1]).group(1))
            date, date_line = value, body_blocks[0][0]
            body_blocks = body_blocks[1:]
        posts.append(_listing_post(path, title.strip(), line, body_blocks, date, date_line))
    return posts, how


def _fold_title(text):
    return " ".join(text.split()).casefold()


def _listing_post(path, title, line, body_blocks, date, date_line):
    # Keep the source's blank lines so that line_of() maps back exactly.
    first = body_blocks[0][0] if body_blocks else line + 1
    rows = []
    for number, block in body_blocks:
        while first + len(rows) < number:
            rows.append("")
        rows.extend(block.split("\n"))
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo("Europe/Stockholm"))
    return Post(title=title, body="\n".join(rows), is_html=False, source=str(path), line=line,
                date=date, date_line=date_line, body_line=first,
                date_note="" if date else "källan anger inget publiceringsdatum")
