"""A page's date when the source has none: an invitation a week before its
event, minutes a week after the meeting, other posts by their place in the
listing. Always a guess: the page becomes a draft saying so."""

from __future__ import annotations

import datetime as dt

from .findings import GUESS, SURE, Finding
from .swedish_dates import find_date


def date_page(page, post, event, listing_reference):
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
