"""From a :class:`~.sources.Post` to a page of the archive: front matter
(type, date, administrations, topics, series, event, follows …) and
Markdown, with a :class:`~.events.Finding` for everything inferred."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field

import yaml
from archive_model.registry import fold

from .events import GUESS, LIKELY, SURE, Finding, find_date, read_event
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


def load_mapping(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def _matches(when, post, text):
    for key, wanted in (when or {}).items():
        values = wanted if isinstance(wanted, list) else [wanted]
        if key in ("category", "tag"):
            have = {fold(v) for v in (post.categories if key == "category" else post.tags)}
            if not have & {fold(v) for v in values}:
                return False
        elif key == "title":
            if not any(re.search(v, post.title, re.I) for v in values):
                return False
        elif key == "text":
            if not any(re.search(v, f"{post.title}\n{text}", re.I) for v in values):
                return False
        else:
            raise ValueError(f"okänt villkor '{key}' i importregler (tillåtna: category, tag, title, text)")
    return True


def _rule_source(when):
    return ", ".join(f"{k}: {v}" for k, v in when.items())


def classify(page, mapping, registry, text, has_event):
    post = page.post
    for rule in mapping.get("types", []):
        if _matches(rule["when"], post, text):
            sure = SURE if rule.get("sure", True) else GUESS
            page.meta["type"] = registry.content_type(rule["type"]).slug
            page.findings.append(Finding("type", rule["type"], sure, post.line, f"regel {_rule_source(rule['when'])}"))
            break
    else:
        guess = mapping.get("event_type", "inbjudan") if has_event else mapping.get("default_type", "nyhet")
        page.meta["type"] = guess
        page.findings.append(Finding("type", guess, GUESS, post.line,
                                     "ingen regel passade; " + ("inlägget har en händelse" if has_event else "standardtypen")))
        page.to_check.append(f"typen '{guess}' är en gissning")
    for rule in mapping.get("series", []):
        if _matches(rule["when"], post, text):
            series = registry.a_series(rule["series"]).slug
            page.meta["series"] = series
            page.findings.append(Finding("series", series, SURE, post.line, f"regel {_rule_source(rule['when'])}"))
            break
    _administrations(page, mapping, registry, text)
    _topics(page, mapping, registry, text)


def _mentions(text, spelling):
    # Swedish inflects names: "socialförvaltningen", "-ens", "FoU:s".
    return re.search(rf"(?<!\w){re.escape(spelling)}(?:en|ens|s|:s)?(?!\w)", text, re.I)


def _administrations(page, mapping, registry, text):
    post, found = page.post, {}
    whole = f"{post.title}\n{text}"
    for admin in registry.administrations.values():
        for spelling in admin.spellings:
            if len(spelling) < 3 or (spelling == admin.slug and "-" not in spelling):
                continue
            stem = re.sub(r"en$", "", spelling) if spelling.lower().endswith("förvaltningen") else spelling
            match = _mentions(whole, stem)
            if match:
                found.setdefault(admin.slug, Finding("administrations", admin.slug, SURE, post.line_of(match.group(0)),
                                                     f"texten nämner ”{match.group(0)}”"))
                break
    for term in (*post.categories, *post.tags):
        try:
            admin = registry.administration(term)
        except LookupError:
            continue
        found.setdefault(admin.slug, Finding("administrations", admin.slug, SURE, post.line,
                                             f"kategorin eller taggen ”{term}”"))
    series = page.meta.get("series")
    organiser = registry.series[series].organiser if series else None
    if organiser:
        try:
            admin = registry.administration(organiser)
            found.setdefault(admin.slug, Finding("administrations", admin.slug, LIKELY, post.line,
                                                 f"serien {series} arrangeras av {organiser}"))
        except LookupError:
            pass
    for rule in mapping.get("administrations", []):
        if _matches(rule["when"], post, text):
            for value in rule["administrations"]:
                slug = registry.administration(value).slug
                found.setdefault(slug, Finding("administrations", slug, LIKELY, post.line,
                                               f"regel {_rule_source(rule['when'])}"))
    if found:
        page.meta["administrations"] = list(found)
        page.findings.extend(found.values())


def _topics(page, mapping, registry, text):
    post, found = page.post, {}
    whole = f"{post.title}\n{text}"
    for term in (*post.tags, *post.categories):
        try:
            found.setdefault(registry.topic(term).name, term)
        except LookupError:
            continue
    for topic in registry.topics.values():
        for spelling in (topic.name, *topic.aliases):
            if len(spelling) >= 5 and _mentions(whole, spelling):
                found.setdefault(topic.name, spelling)
    for rule in mapping.get("topics", []):
        if _matches(rule["when"], post, text):
            for value in rule["topics"]:
                found.setdefault(registry.topic(value).name, _rule_source(rule["when"]))
    if found:
        page.meta["topics"] = list(found)
        page.findings.append(Finding("topics", list(found), LIKELY, post.line, "ord i texten och importreglerna"))


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
    ruled = next((r["type"] for r in mapping.get("types", []) if _matches(r["when"], post, body_text)), None)
    # Minutes and reports name the meeting they report on: not an event to announce.
    report_like = ruled in ("motesanteckningar", "rapport") or bool(re.search(r"träffades", title, re.I))
    event, event_findings = read_event(post, body_text, reference, mapping.get("city"), is_report=report_like)
    classify(page, mapping, registry, body_text, bool(event))
    _date(page, post, event, listing_reference)
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


def _date(page, post, event, listing_reference):
    if post.date:
        page.meta["date"] = post.date.strftime("%Y-%m-%d %H:%M")
        page.findings.append(Finding("date", page.meta["date"], SURE, post.date_line or post.line,
                                     post.date_note or "publiceringsdatumet i exporten (svensk tid)"))
        if post.date_note:
            page.to_check.append(post.date_note)
        return
    # No date in the source: an invitation is assumed published a week
    # before its event, minutes and reports a week after (anchors); other
    # posts get a date from their place in the listing (order_dates).
    # Always a draft.
    kind = page.meta.get("type")
    page.date_anchor = True
    if event:
        start = dt.date.fromisoformat(event["start"][:10])
        guess = start - dt.timedelta(days=7)
        why = "en vecka före händelsen"
    else:
        mentioned = find_date(f"{post.title}\n{post.body}", listing_reference, before=True) if listing_reference else None
        if mentioned and kind in ("motesanteckningar", "rapport"):
            guess, why = mentioned[0] + dt.timedelta(days=7), f"en vecka efter mötet {mentioned[0].isoformat()}"
        else:
            page.date_anchor = False
            reference = listing_reference.date() if isinstance(listing_reference, dt.datetime) else listing_reference
            guess, why = reference or dt.date(2000, 1, 1), "listans datum" if reference else "inget datum alls"
    set_guessed_date(page, guess, why)


def set_guessed_date(page, guess, why):
    page.meta["date"] = guess.isoformat()
    page.findings = [f for f in page.findings if f.field != "date"]
    page.findings.append(Finding("date", page.meta["date"], GUESS, page.post.line, f"källan har inget datum; antaget {why}"))
    page.to_check = [c for c in page.to_check if not c.startswith("publiceringsdatumet")]
    page.to_check.append(f"publiceringsdatumet {guess.isoformat()} är antaget ({why})")


def order_dates(pages):
    """Dates for a listing's undated posts from their place in it.

    The anchors are the dates guessed from an event or a meeting; an anchor
    that breaks the listing's order (newest first, or oldest first) is not
    one. Every other post gets a date spaced evenly between the anchors
    around it: the listing's order is the best evidence the source has.
    """
    anchors = [(i, dt.date.fromisoformat(p.meta["date"][:10])) for i, p in enumerate(pages)
               if getattr(p, "date_anchor", None)]
    if len(anchors) < 2:
        return
    newest_first = anchors[0][1] >= anchors[-1][1]
    kept = []
    for index, date in anchors:
        if not kept or (date <= kept[-1][1] if newest_first else date >= kept[-1][1]):
            kept.append((index, date))
    kept_at = dict(kept)
    for index, page in enumerate(pages):
        if index in kept_at or getattr(page, "date_anchor", None) is None:
            continue
        before = [(i, d) for i, d in kept if i < index]
        after = [(i, d) for i, d in kept if i > index]
        if before and after:
            (i0, d0), (i1, d1) = before[-1], after[0]
            guess = d0 + (d1 - d0) * (index - i0) / (i1 - i0)
            why = f"efter sin plats i listan, mellan {pages[i0].meta['title']!r} och {pages[i1].meta['title']!r}"
        else:
            (i0, d0) = before[-1] if before else after[0]
            step = dt.timedelta(days=1 if (index > i0) != newest_first else -1)
            guess = d0 + step * abs(index - i0)
            why = f"efter sin plats i listan, intill {pages[i0].meta['title']!r}"
        set_guessed_date(page, guess, why)


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
