"""Swedish compounds on a phone (issue 21): headings, links and cards are
hyphenated by the browser (`hyphens: auto` under lang="sv") and wrap with
`overflow-wrap: break-word`, never `anywhere`/`break-all`, so a word is split
without a hyphen only when it alone is wider than the line; and at 320 px no
text pushes the page sideways. In Chromium, on the real front page (the
administrations' cards) and on a page whose title is all long compounds."""

from __future__ import annotations

import pytest
from browser_tools import serve_folder

pytestmark = pytest.mark.browser

LONG_TITLE = "Förvaltningsövergripande samverkansöverenskommelser om arbetsmarknadsförvaltningens kompetensförsörjning"
PAGE = f"""---
title: {LONG_TITLE}
date: 2019-01-10
type: nyhet
summary: Socialförvaltningens verksamhetsutvecklingsprojekt och vård- och omsorgsförvaltningens anhörigstödsverksamhet.
---

## Tillgänglighetsredogörelse för kompetensutvecklingsinsatserna

Text.
"""

STYLES_JS = """selector => Array.from(document.querySelectorAll(selector)).map(e => {
  const s = getComputedStyle(e);
  return [s.hyphens || s.webkitHyphens, s.overflowWrap, s.wordBreak, e.closest('[lang]').getAttribute('lang')];
})"""

SIDEWAYS_JS = """() => {
  const width = document.documentElement.clientWidth;
  const past = Array.from(document.querySelectorAll('main *, header *'))
    .filter(e => !e.closest('.la-visually-hidden, .la-skip-link, [hidden]') && getComputedStyle(e).display !== 'none')
    .filter(e => e.getBoundingClientRect().right > width + 1 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
    .map(e => e.tagName + '.' + e.className);
  return [document.documentElement.scrollWidth - width, past.slice(0, 5)];
}"""


def check(page, url, selectors):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    for selector in selectors:
        styles = page.evaluate(STYLES_JS, selector)
        assert styles, (url, selector)
        for hyphens, wrap, word_break, lang in styles:
            assert (hyphens, wrap, word_break, lang) == ("auto", "break-word", "normal", "sv"), (url, selector)
    scrolls, past = page.evaluate(SIDEWAYS_JS)
    assert scrolls <= 0 and not past, f"{url} scrolls sideways by {scrolls} px: {past}"


def test_front_page_cards_are_hyphenated_and_stay_inside_320_px(page, served_site):
    check(page, served_site, ["h1", "h2", "h3", ".la-challenges__item"])


def test_a_title_of_long_compounds_stays_inside_320_px(small_site, page):
    small_site.write("nyheter/langa-ord.md", PAGE)
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(small_site.output)
    try:
        check(page, url + "arkiv/2019/01/langa-ord/", ["h1", "h2"])
        check(page, url + "typ/nyhet/", ["h1", ".la-listing__item"])
    finally:
        server.shutdown()
