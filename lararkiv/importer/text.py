"""A post's text as the archive's Markdown: HTML converted, WordPress's
shortcodes and embeds turned into what the site allows, damage repaired.

Every change that is not a plain conversion is returned as a note for the
report: nothing is dropped or rewritten silently.
"""

from __future__ import annotations

import functools
import re

import ftfy
from markdownify import markdownify
from wordfreq import zipf_frequency

# WordPress stores posts without <p>: wpautop makes paragraphs of blank-line
# separated text when it shows them. A body with no block tags gets the same.
BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|table|blockquote|pre|figure)[\s>]", re.I)
SHORTCODE = re.compile(r"\[(/?)([a-z_][\w-]*)([^\]]*)\]", re.I)
CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.I | re.S)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.I | re.S)
BARE_EMBED_URL = re.compile(r"^\s*(https?://(?:www\.)?(?:youtube\.com|youtu\.be|vimeo\.com)/\S+)\s*$", re.M)
IFRAME = re.compile(r"<iframe[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>\s*(?:</iframe>)?", re.I)
# Tags the archive refuses (docs/innehallsmodell.md, "HTML i texten"): a link
# to what they showed is kept instead, and the report names them.
REFUSED = re.compile(r"<(script|style|form|object|embed|noscript)\b.*?</\1\s*>", re.I | re.S)


def autop(html):
    if BLOCK_TAG.search(html):
        return html
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", html) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def convert_shortcodes(html, notes):
    html = CAPTION.sub(lambda m: _caption(m, notes), html)
    html = EMBED.sub(lambda m: _embed(m.group(1).strip(), notes), html)
    html = BARE_EMBED_URL.sub(lambda m: _embed(m.group(1), notes), html)
    html = IFRAME.sub(lambda m: _embed(m.group(1), notes, "iframe"), html)

    def refused(match):
        notes.append(f"<{match.group(1)}> togs bort (sajten publicerar inte sådant)")
        return ""

    html = REFUSED.sub(refused, html)

    def other(match):
        notes.append(f"kortkoden [{match.group(1)}{match.group(2)}{match.group(3)}] kunde inte "
                     "översättas och togs bort; se efter vad den visade på den gamla sajten")
        return ""

    return SHORTCODE.sub(other, html)


def _caption(match, notes):
    notes.append("bildtext ([caption]) blev vanlig text under bilden")
    return f"<figure>{match.group(1)}</figure>"


def _embed(url, notes, what="inbäddning"):
    notes.append(f"{what} av {url} blev en länk (sajten bäddar inte in från andra sajter)")
    return f'<p><a href="{url}">Se {url}</a></p>'


def html_to_markdown(html, notes):
    html = convert_shortcodes(autop(html), notes)
    markdown = markdownify(html, heading_style="ATX", bullets="-", strip=["span", "font", "center"],
                           escape_underscores=False, escape_asterisks=False)
    # markdownify leaves runs of blank lines where block tags met.
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return safe_links(markdown, notes)


IMAGE = re.compile(r"!\[([^\]]*)\]\((https?://[^)\s]+)(?:\s+\"[^\"]*\")?\)")
LINK_TARGET = re.compile(r"(?<!!)\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|tel:|/|#|\.|\{|[\w-]+(?:/|$|\.))", re.I)


def safe_links(markdown, notes):
    """What the build would refuse, turned into what it takes: an image from
    another site (the old site's uploads too) becomes a link to it, to be
    downloaded into content/bilder/; a javascript: or data: link keeps
    its text only (docs/innehallsmodell.md, "HTML i texten")."""

    def image(match):
        notes.append(f"bilden {match.group(2)} ligger på en annan sajt och blev en länk: "
                     "ladda ner den till content/bilder/ och skriv den som ![beskrivning]({static}/bilder/…)")
        return f"[Bild: {match.group(1) or 'utan beskrivning'}]({match.group(2)})"

    def link(match):
        if SAFE_SCHEME.match(match.group(2)):
            return match.group(0)
        notes.append(f"länken '{match.group(2)[:60]}' togs bort (bara http, https, mailto och tel publiceras); texten står kvar")
        return match.group(1)

    return LINK_TARGET.sub(link, IMAGE.sub(image, markdown))


LIST_BULLET = re.compile(r"^[ \t]*[•●▪◦e](?=\s+[A-ZÅÄÖ])\s+", re.M)


def text_to_markdown(text, notes, ocr=False):
    """A plain-text post as Markdown: "•" bullets (and OCR's "e" for them)
    become list items; everything else is already paragraphs."""
    converted = LIST_BULLET.sub("- ", text) if ocr else re.sub(r"^[ \t]*[•●▪◦]\s+", "- ", text, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", converted).strip() + "\n"


# --------------------------------------------------------------- repair

# What OCR and wrong encodings make of å, ä and ö in Swedish text: each letter
# that may stand for one of them, and what it may stand for. The seeds show
# "socialférvaltning" (é for ö), "l6sningar" (6 for ö), "ohédlsa"/"ohilsa"
# (é d / i for ä), "tjdnster" (d for ä), "fran" (a for å).
CONFUSIONS = {
    "é": ("ö", "ä", "é"), "6": ("ö",), "a": ("å", "ä", "a"), "o": ("ö", "o"),
    "d": ("ä", "d"), "i": ("ä", "i"), "h": ("ä", "h"), "0": ("ö", "o"),
}
DIGRAPHS = {"éd": "ä", "ii": "ä"}
WORD = re.compile(r"(?:Ã.|[^\W_])+(?:-[^\W_]+)*", re.U)
# A word this rare (Zipf scale, wordfreq's Swedish list) counts as unknown;
# a repair must be this common and clearly more common than the word.
RARE, COMMON, MARGIN = 1.0, 2.5, 2.0
MAX_GUESSES = 4


@functools.cache
def _frequency(word):
    found = zipf_frequency(word, "sv")
    if word.endswith("s") and len(word) > 5:
        # Genitives ("socialförvaltningens") are rarer in the list than the word.
        found = max(found, zipf_frequency(word[:-1], "sv") - 0.5)
    return found


def _variants(word):
    lower = word.lower()
    for digraph, letter in DIGRAPHS.items():
        if digraph in lower:
            yield lower.replace(digraph, letter)
    if len(lower) > 2 and lower[0] == lower[1] and lower[0].isalpha():
        yield lower[1:]  # "Kkreativt"
    # OCR's own marks (é, 6, 0) first: they are surely wrong; a, o, d … may be right.
    positions = sorted((i for i, ch in enumerate(lower) if ch in CONFUSIONS),
                       key=lambda i: (lower[i] not in "é60", i))[:MAX_GUESSES]
    candidates = [lower]
    for i in positions:
        candidates = [c[:i] + r + c[i + 1:] for c in candidates for r in CONFUSIONS[lower[i]]]
    yield from (c for c in candidates if c != lower)


def _restore_case(original, repaired):
    if original.isupper() and len(original) > 1:
        return repaired.upper()
    doubled = len(original) > 2 and original[0].lower() == original[1].lower()
    # "Kkreativt": the doubled letter is OCR's; the word's case is the second's.
    first = original[1] if doubled and len(repaired) < len(original) else original[0]
    return repaired[:1].upper() + repaired[1:] if first.isupper() else repaired


def repair_word(word, damaged):
    """The Swedish word ``word`` stands for, or None. A word with a digit or
    "é" inside is repaired whenever a common word fits; a word that is merely
    rare ("fran") only in text already judged damaged (``damaged``)."""
    known = _frequency(word.lower())
    suspicious = (bool(re.search(r"[é60]", word)) and not word.isdigit()) or word[:2].lower() == word[:1].lower() * 2
    if known >= COMMON and not suspicious and not damaged:
        return None
    if not suspicious and not damaged:
        return None
    best = max(_variants(word), key=_frequency, default=None)
    if best is None:
        return None
    score = _frequency(best)
    if score >= COMMON and score - known >= MARGIN:
        return _restore_case(word, best)
    return None


def is_damaged(text):
    """Text from OCR or a broken encoding: more than one word in twenty
    (of those with letters only, four or more) unknown in Swedish."""
    words = [w for w in WORD.findall(text) if w.isalpha() and len(w) >= 4 and not w[:1].isupper()]
    if len(words) < 20:
        return False
    unknown = sum(1 for w in words if _frequency(w.lower()) < RARE)
    return unknown / len(words) > 0.05


def repair(text, notes, damaged=None):
    """ftfy's mojibake repair, then the Swedish word rules. Notes list each
    distinct change ("socialférvaltningen → socialförvaltningen").
    ``damaged``: whether the text is from a damaged source, when known (a
    title is too short to tell; its post's body tells)."""
    fixed = ftfy.fix_text(text, normalization="NFC", uncurl_quotes=False)
    if fixed != text:
        notes.append("teckenkodningen var trasig (t.ex. 'Ã¶' för 'ö') och rättades med ftfy")
    damaged = is_damaged(fixed) if damaged is None else damaged
    changes = {}

    def one(match):
        word = match.group(0)
        if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word.replace("6", "").replace("0", "")):
            return word
        # ftfy judges a whole line; beside OCR damage it may leave a word.
        repaired = ftfy.fix_text(word) if "Ã" in word else repair_word(word, damaged)
        if repaired and repaired != word:
            changes[word] = repaired
            return repaired
        return word

    result = WORD.sub(one, fixed)
    if changes:
        shown = ", ".join(f"{a} → {b}" for a, b in list(changes.items())[:12])
        more = f" och {len(changes) - 12} till" if len(changes) > 12 else ""
        notes.append(f"{len(changes)} ord rättade (OCR/å-ä-ö): {shown}{more}")
    return result, damaged, changes
