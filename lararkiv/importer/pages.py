"""From a :class:`~.sources.Post` to a page of the archive: front matter
(type, date, administrations, topics, series, event, follows …) and
Markdown, with a :class:`~.events.Finding` for everything inferred."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

from .dating import date_page
from .events import read_event
from .findings import GUESS, LIKELY, SURE, Finding
from .rules import classify, matches
from .text import html_to_markdown, repair, text_to_markdown


@dataclass
class Page:
    post: object
    slug: str = ""
    folder: str = ""
    meta: dict = field(default_factory=dict)
    body: str = ""
    findings: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    to_check: list = field(default_factory=list)
    # None: the source gave the date; True: guessed from an event or a
    # meeting; False: no clue in the post (order_dates places it).
    date_anchor: bool | None = None

    @property
    def draft(self):
        return bool(self.to_check)


# Where static pages live (pelicanconf's PAGE_PATHS).
STATIC_FOLDER = "sidor"
THEME = re.compile(r"\bom (?P<theme>[^–]+)$", re.I)


def build_page(post, *, mapping, registry, slug_of, listing_reference=None, split_guessed=False):  # noqa: PLR0912
    page = Page(post=post)
    notes = page.notes
    if post.is_html:
        body_text, damaged, changes = repair(html_to_markdown(post.body, notes), notes)
    else:
        repaired, damaged, changes = repair(post.body, notes)
        body_text = text_to_markdown(repaired, notes, ocr=damaged)
    title, _damaged, title_changes = repair(post.title, notes, damaged=damaged)
    if not title.strip():
        # WordPress allows a post without a title; the archive does not.
        title = f"Inlägg {post.post_id or post.line} utan rubrik"
        page.to_check.append("inlägget saknade rubrik: skriv en")
    changes = {**title_changes, **changes}
    if changes:
        page.to_check.append("rättade ord (OCR/å-ä-ö): läs texten mot källan")
    page.meta["title"] = title
    page.slug = slug_of(post.slug or title) if post.slug and not re.fullmatch(r"\d+", post.slug) else slug_of(title)
    if post.kind == "page":
        return _static_page(page, post, body_text)
    reference = post.date or listing_reference
    ruled = next((r["type"] for r in mapping.get("types", []) if matches(r["when"], post, body_text)), None)
    # Minutes and reports name the meeting they report on: not an event to announce.
    report_like = ruled in ("motesanteckningar", "rapport") or bool(re.search(r"träffades", title, re.I))
    event, event_findings = read_event(post, body_text, reference, mapping.get("city"), is_report=report_like)
    classify(page, mapping, registry, body_text, bool(event))
    date_page(page, post, event, listing_reference)
    if post.excerpt:
        page.meta["summary"] = html.unescape(repair(post.excerpt, notes, damaged=damaged)[0])
        page.findings.append(Finding("summary", page.meta["summary"], SURE, post.line, "inläggets utdrag (excerpt)"))
    if post.author and post.author.lower() not in ("admin", "administrator", "wordpress"):
        page.meta["author"] = post.author
    else:
        byline = re.search(r"^\(?Text:\s*([^)\n]+?)\)?\s*$", body_text, re.M)
        if byline:
            page.meta["author"] = byline.group(1).strip()
            page.findings.append(Finding("author", page.meta["author"], SURE, post.line_of(byline.group(0)), "bylinen ”Text:”"))
    series = page.meta.get("series")
    theme = THEME.search(title)
    if series and theme:
        page.meta["theme"] = theme.group("theme").strip()[:1].upper() + theme.group("theme").strip()[1:]
    if event:
        page.meta["event"] = event
        page.findings.extend(event_findings)
        for finding in event_findings:
            if finding.sure == GUESS:
                page.to_check.append(f"{finding.field}: {finding.why}")
    if post.old_url:
        page.meta["old_url"] = post.old_url
    if post.status != "publish":
        page.to_check.append(f"inlägget hade status '{post.status}' på den gamla sajten")
    if split_guessed:
        page.to_check.append("var inlägget börjar och slutar i listan är gissat: jämför med källan")
    page.body = body_text
    return page


def _static_page(page, post, body_text):
    """A WordPress page ("Om oss") is a static page: title and text only."""
    page.folder = STATIC_FOLDER
    page.findings.append(Finding("sidtyp", "statisk sida (content/sidor/)", SURE, post.line,
                                 "en WordPress-sida (post_type page), inte ett inlägg"))
    if post.old_url:
        page.meta["old_url"] = post.old_url
    if post.status != "publish":
        page.to_check.append(f"sidan hade status '{post.status}' på den gamla sajten")
    page.body = body_text
    return page


def link_follows(pages):
    """A report or minutes follow the invitation whose event they name: the
    same series (or the same place) and the event's day and month in the
    report's title or text, dated after the event."""
    invitations = [p for p in pages if "event" in p.meta and p.meta.get("type") == "inbjudan"]
    for page in pages:
        if page.meta.get("type") not in ("motesanteckningar", "rapport") or "follows" in page.meta:
            continue
        for invitation in invitations:
            start = dt.date.fromisoformat(invitation.meta["event"]["start"][:10])
            same_series = invitation.meta.get("series") and invitation.meta.get("series") == page.meta.get("series")
            place = invitation.meta["event"].get("location")
            same_place = place and place in page.body
            day = re.search(rf"\b{start.day}\s+{_MONTHS[start.month - 1]}", f"{page.meta['title']}\n{page.body}", re.I)
            if (same_series or same_place) and day and page.meta["date"][:10] >= start.isoformat():
                page.meta["follows"] = invitation.slug
                page.findings.append(Finding("follows", invitation.slug, LIKELY, page.post.line_of(day.group(0)),
                                             f"samma {'serie' if same_series else 'plats'} och mötesdagen ”{day.group(0)}”"))
                if invitation.draft:
                    # A published page may not follow a draft (the build stops).
                    page.to_check.append(f"följer upp {invitation.slug}, som är utkast: publicera den först")
                break


_MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
