"""The colour tokens (theme/static/css/tokens.css) in the pairs the theme
draws them in, at WCAG 2.1 AA contrast. The browser audits compute contrast
from real computed styles, but a browser never reveals a visited link's
colour to a page (getComputedStyle hides :visited), so visited links are
checked here, with every other text colour on every background it meets."""

from __future__ import annotations

import re

from sitebuild import ROOT

TOKENS = ROOT / "theme" / "static" / "css" / "tokens.css"
TEXT = ["text", "muted", "link", "link-visited", "error"]
BACKGROUNDS = ["background", "surface", "notice"]


def colours():
    found = dict(
        re.findall(
            r"--la-colour-([a-z-]+):\s*(#[0-9a-fA-F]{6})\b", TOKENS.read_text(encoding="utf-8")
        )
    )
    assert set(TEXT + BACKGROUNDS + ["brand", "on-brand", "focus", "focus-text"]) <= set(found), (
        found
    )
    return found


def luminance(hex_colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first, second):
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_colours_read_on_every_background_they_meet():
    tokens = colours()
    pairs = [(text, background) for text in TEXT for background in BACKGROUNDS]
    pairs += [("on-brand", "brand"), ("focus-text", "focus")]
    low = {
        f"{text} on {background}": round(contrast(tokens[text], tokens[background]), 2)
        for text, background in pairs
    }
    assert all(ratio >= 4.5 for ratio in low.values()), {
        pair: ratio for pair, ratio in low.items() if ratio < 4.5
    }


def test_focus_ring_shows_on_the_dark_header_and_on_light_boxes():
    """The ring is yellow with a dark edge: the yellow must stand out on the
    header, the dark edge on the page and its boxes (WCAG 1.4.11, 3:1)."""
    tokens = colours()
    assert contrast(tokens["focus"], tokens["brand"]) >= 3
    for background in BACKGROUNDS:
        assert contrast(tokens["focus-text"], tokens[background]) >= 3, background
