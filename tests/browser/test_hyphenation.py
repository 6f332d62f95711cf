"""Swedish compounds on a phone (issue 21): at 320 px every line that breaks
inside a word breaks at a soft hyphen (archive_publish/hyphenation.py), so
a hyphen shows, even in Debian's Chromium, which has no Swedish dictionary
for `hyphens: auto`; headings, links and cards also ask for `hyphens: auto`
under lang="sv" and wrap with `overflow-wrap: break-word`, never
`anywhere`/`break-all`; and no text pushes the page sideways. On the real
front page (the administrations' cards), every page of the site, and a
page whose title and text are all long compounds."""

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


# Each place where a line breaks between two letters of one word, as
# [element, "shy" (at a soft hyphen) or "mid-word", the text around it].
# The last box of a character counts: one just after a break also has an
# empty box at the end of the line before.
BREAKS_JS = r"""() => {
  const breaks = [];
  for (const element of document.querySelectorAll('body *:not(:has(*))')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let before = null, top = null, softHyphen = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.la-visually-hidden')) continue;
      for (let i = 0; i < node.data.length; i++) {
        const character = node.data[i];
        if (character === '\u00ad') { softHyphen = true; continue; }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const boxes = range.getClientRects();
        if (!boxes.length) { before = null; continue; }
        const box = boxes[boxes.length - 1];
        if (before !== null && box.top > top + 2 && /\p{L}/u.test(character) && /\p{L}/u.test(before)) {
          breaks.push([element.tagName, softHyphen ? 'shy' : 'mid-word',
                       node.data.slice(Math.max(0, i - 12), i) + '|' + node.data.slice(i, i + 8)]);
        }
        before = character; top = box.top; softHyphen = false;
      }
    }
  }
  return breaks;
}"""


def breaks_in_words(page):
    return page.evaluate(BREAKS_JS)


def without_hyphen(breaks):
    return [where for where in breaks if where[1] != "shy"]


def check(page, url, selectors, long_words=False):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(url)
    breaks = breaks_in_words(page)
    if long_words:
        assert breaks, f"{url}: no word breaks at 320 px, so nothing was tested"
    mid_word = without_hyphen(breaks)
    assert not mid_word, f"{url}: words split without a hyphen at 320 px: {mid_word}"
    for selector in selectors:
        styles = page.evaluate(STYLES_JS, selector)
        assert styles, (url, selector)
        for hyphens, wrap, word_break, lang in styles:
            assert (hyphens, wrap, word_break, lang) == ("auto", "break-word", "normal", "sv"), (url, selector)
    scrolls, past = page.evaluate(SIDEWAYS_JS)
    assert scrolls <= 0 and not past, f"{url} scrolls sideways by {scrolls} px: {past}"


def test_front_page_cards_are_hyphenated_and_stay_inside_320_px(page, served_site):
    check(page, served_site, ["h1", "h2", "h3", ".la-challenges__item"])


def test_no_page_splits_a_word_without_a_hyphen_at_320_px(page, served_site, site):
    page.set_viewport_size({"width": 320, "height": 800})
    split = {}
    for path in site.html_files():
        relative = path.relative_to(site.root).as_posix()
        if relative.startswith("pagefind/"):
            continue
        page.goto(served_site + relative.removesuffix("index.html"))
        mid_word = without_hyphen(breaks_in_words(page))
        if mid_word:
            split[relative] = mid_word
    assert not split, f"words split without a hyphen at 320 px: {split}"


def test_a_title_of_long_compounds_stays_inside_320_px(small_site, page):
    small_site.write("nyheter/langa-ord.md", PAGE)
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(small_site.output)
    try:
        check(page, url + "arkiv/2019/01/langa-ord/", ["h1", "h2"], long_words=True)
        check(page, url + "typ/nyhet/", ["h1", ".la-listing__item"], long_words=True)
    finally:
        server.shutdown()
