"""A reader's audit of the real site in Chromium, on one page of each kind a
reader meets: what axe (tests/quality/test_accessibility.py) cannot see.

- WCAG 1.4.12 text spacing and 1.4.4 text size: the reader's own style (the
  W3C bookmarklet's spacing at 320 px, text at 200 %, also on a phone as
  Android's font scale does) pushes nothing sideways and clips no text, with
  every <details> open;
- 2.4.7 and 1.4.11 focus: every stop a keyboard reaches shows a ring of at
  least 3:1 against what is around it; in Windows high-contrast mode (forced
  colours drop box-shadow) too; and in a browser that does not know
  :focus-visible; the skip link's target draws no ring round the page;
- 2.3.3 and the reader's settings: with reduced motion nothing moves;
- print: all text that prints is dark enough on white paper (printers drop
  backgrounds, so white text on a coloured box vanishes);
- privacy: the network log shows no request to another origin (the static
  check in tests/quality/test_privacy.py reads files; this sees what runs);
- 1.4.10 for what editors write: a wide table, a code block and a long
  address in a page's text stay inside 320 px.
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser_tools import serve_folder

pytestmark = pytest.mark.browser

# The W3C text-spacing bookmarklet's values (WCAG 1.4.12's minimums).
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
    " p { margin-bottom: 2em !important; }"
)
LARGE_TEXT = "html { font-size: 200% !important; }"
SEARCH = "sok/?q=samverkan"

# Colour maths and the background an element is drawn on, from computed styles.
COLOUR_JS = """
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const behind = (element) => { for (let e = element; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor); if (c && c[3] === 1) return c; } return [255, 255, 255, 1]; };
"""

# The focused element's ring: the best contrast of its outline or its
# box-shadow against the background around it (its parent's).
FOCUS_RING_JS = (
    "() => {"
    + COLOUR_JS
    + """
  const e = document.activeElement; const s = getComputedStyle(e); const around = behind(e.parentElement);
  const rings = [];
  if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) rings.push(['outline ' + s.outlineStyle, s.outlineColor]);
  const shadow = s.boxShadow.match(/^(rgba?\\([^)]+\\)) 0px 0px 0px (\\d+(\\.\\d+)?)px/);
  if (shadow && parseFloat(shadow[2]) >= 2) rings.push(['box-shadow', shadow[1]]);
  const best = rings.map(([kind, colour]) => [ratio(parse(colour), around), kind]).sort((a, b) => b[0] - a[0])[0];
  return {tag: e.tagName, text: (e.textContent || e.value || '').trim().slice(0, 40), style: s.outlineStyle,
          contrast: best ? best[0] : 0, ring: best ? best[1] : 'none'};
}"""
)

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const e of document.querySelectorAll('body *')) {
    if (e.closest('.la-visually-hidden, .la-skip-link, [hidden]')) continue;
    const s = getComputedStyle(e);
    if (s.display === 'none') continue;
    const name = e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '');
    if (e.getBoundingClientRect().right > width + 1 && s.position !== 'absolute') found.push('past the edge: ' + name);
    // A form field scrolls its own value: that is how fields work, not clipping.
    const clips = (s.overflowX !== 'visible' || s.overflowY !== 'visible') && !e.matches('input, select, textarea');
    if (clips && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)) found.push('clipped: ' + name);
    // A search field narrower than a few words cannot show what is typed.
    if (e.matches('input[type=search]') && e.clientWidth < 6 * parseFloat(s.fontSize)) found.push('squeezed: ' + name);
  }
  return [document.documentElement.scrollWidth - width, found.slice(0, 5)];
}"""


def first_with(site, pattern, selector):
    """The URL of the first built page matching ``pattern`` that has ``selector``."""
    for path in sorted(site.root.glob(pattern)):
        relative = path.relative_to(site.root).as_posix()
        if site.soup(relative).select_one(selector):
            return relative.removesuffix("index.html")
    pytest.fail(f"no page {pattern} with {selector} in the build: did the content change?")


@pytest.fixture(scope="module")
def reader_pages(site):
    """{kind: URL} of one page of each kind the audit covers."""
    articles = "arkiv/*/*/*/index.html"
    return {
        "front page": "",
        "listing, second page": first_with(site, "*/*/sida/2/index.html", ".la-pagination"),
        "article with an event": first_with(site, articles, ".la-events-on-page .la-event__facts"),
        "meeting notes with agenda and series": first_with(
            site, articles, ".la-agenda ~ .la-prose ~ .la-series-nav"
        ),
        "page in a thread": first_with(site, articles, ".la-thread"),
        "challenge": first_with(site, articles, '.la-article__type a[href$="typ/utmaning/"]'),
        "administration": first_with(site, "forvaltning/*/index.html", ".la-administration"),
        "topic": first_with(site, "amne/*/index.html", ".la-listing"),
        "calendar": "kalender/",
        "series": first_with(site, "serie/*/index.html", ".la-meetings"),
        "search": SEARCH,
        "not found (404)": "404.html",
        "accessibility statement": "tillganglighet/",
    }


KINDS = [
    "front page",
    "listing, second page",
    "article with an event",
    "meeting notes with agenda and series",
    "page in a thread",
    "challenge",
    "administration",
    "topic",
    "calendar",
    "series",
    "search",
    "not found (404)",
    "accessibility statement",
]


def open_page(tab, base_url, url):
    tab.goto(base_url + url)
    tab.wait_for_load_state("load")
    if url == SEARCH:
        tab.wait_for_selector(".la-search-result", timeout=15000)


@pytest.fixture
def styled_page(browser):
    """A tab that may add the reader's own style sheet: a user style is not
    the page's, so the site's Content-Security-Policy does not apply to it."""
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    ("width", "reader_style"),
    [(320, TEXT_SPACING), (1280, LARGE_TEXT), (640, LARGE_TEXT), (320, LARGE_TEXT)],
    ids=[
        "text spacing at 320 px",
        "text at 200 %",
        "text at 200 % on a tablet",
        "text at 200 % on a phone",
    ],
)
@pytest.mark.parametrize("kind", KINDS)
def test_readers_text_settings_push_nothing_sideways_and_clip_nothing(
    kind, width, reader_style, reader_pages, styled_page, served_site
):
    styled_page.set_viewport_size({"width": width, "height": 800})
    open_page(styled_page, served_site, reader_pages[kind])
    styled_page.add_style_tag(content=reader_style)
    styled_page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    scrolls, problems = styled_page.evaluate(OVERFLOW_JS)
    assert scrolls <= 0 and not problems, (
        f"{reader_pages[kind]} scrolls sideways by {scrolls} px: {problems}"
    )


FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex='-1'])"


def tab_stops(tab):
    """Tab from the top to the end of the page: the ring of every stop. More
    stops than the page has focusable elements is a keyboard trap (a fixed
    limit would call a long archive's calendar one)."""
    limit = tab.evaluate(f"document.querySelectorAll({FOCUSABLE!r}).length") + 10
    stops = []
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement === document.body"):
            return stops
        stops.append(tab.evaluate(FOCUS_RING_JS))
    pytest.fail(f"still tabbing after {limit} stops: a keyboard trap?")


@pytest.mark.parametrize("kind", KINDS)
def test_every_tab_stop_shows_a_focus_ring_of_3_to_1(kind, reader_pages, page, served_site):
    open_page(page, served_site, reader_pages[kind])
    stops = tab_stops(page)
    assert len(stops) > 5
    faint = [stop for stop in stops if stop["contrast"] < 3]
    assert not faint, f"{reader_pages[kind]}: focus ring under 3:1 on {faint[:5]}"


def test_focus_ring_stays_in_forced_colours(browser, served_site, reader_pages):
    """Windows high contrast drops box-shadow and recolours everything: the
    outline must carry the ring on its own (in the header and the text), and
    the administration badges and event statuses keep their borders (their
    shape, not a colour, sets them apart)."""
    context = browser.new_context(forced_colors="active")
    tab = context.new_page()
    open_page(tab, served_site, reader_pages["article with an event"])
    borders = tab.evaluate(
        """[...document.querySelectorAll('.la-badge, .la-event-status, .la-event__ended:not([hidden])')].map(e => {
             const s = getComputedStyle(e); return [e.className, s.borderTopStyle, parseFloat(s.borderTopWidth)]; })"""
    )
    stops = tab_stops(tab)
    context.close()
    assert stops and all(stop["style"] not in ("none", "") for stop in stops), [
        s for s in stops if s["style"] == "none"
    ]
    assert borders and all(style != "none" and width >= 1 for _, style, width in borders), borders


def test_focus_ring_without_focus_visible_support(page, served_site, reader_pages):
    """A browser that does not know :focus-visible (Safari before 15.4) drops
    every rule naming it; the site's own ring must still show, on the dark
    header as in the text (the browser's thin default ring is not enough)."""
    open_page(page, served_site, reader_pages["article with an event"])
    page.evaluate(
        """() => { for (const sheet of document.styleSheets) {
             for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
               const rule = sheet.cssRules[i];
               if (rule.selectorText && rule.selectorText.includes(':focus-visible')) sheet.deleteRule(i);
             } } }"""
    )
    stops = tab_stops(page)
    header_and_text = [stops[1], *[s for s in stops[2:] if s["tag"] == "A"][-4:]]
    for stop in header_and_text:
        assert stop["style"] == "solid" and stop["contrast"] >= 3, stop


def test_skip_link_target_draws_no_ring_round_the_page(page, served_site):
    page.goto(served_site)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    ring = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [document.activeElement.id, s.outlineStyle, s.boxShadow]; })()"
    )
    assert ring == ["main-content", "none", "none"]


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_moves_with_reduced_motion_and_nothing_loads_from_elsewhere(
    kind, reader_pages, browser, served_site
):
    context = browser.new_context(reduced_motion="reduce")
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    open_page(tab, served_site, reader_pages[kind])
    moving = tab.evaluate(
        """[...document.querySelectorAll('*')].filter(e => { const s = getComputedStyle(e);
             return s.animationName !== 'none' || s.transitionDuration.split(',').some(d => parseFloat(d) > 0)
               || s.scrollBehavior === 'smooth'; }).map(e => e.tagName + '.' + e.className).slice(0, 5)"""
    )
    context.close()
    assert not moving, moving
    site_origin = urlparse(served_site).netloc
    elsewhere = [
        url
        for url in requests
        if urlparse(url).scheme not in ("data", "blob") and urlparse(url).netloc != site_origin
    ]
    assert not elsewhere, elsewhere


PRINTED_TEXT_JS = (
    "() => {"
    + COLOUR_JS
    + """
  const faint = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const shown = (e) => { for (let x = e; x; x = x.parentElement) if (getComputedStyle(x).display === 'none') return false; return true; };
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim(); const e = walker.currentNode.parentElement;
    if (!text || e.closest('.la-visually-hidden, [hidden]') || !shown(e)) continue;
    const contrast = ratio(parse(getComputedStyle(e).color), [255, 255, 255, 1]);
    if (contrast < 4.5) faint.add(`${contrast.toFixed(2)}:1 ${e.tagName.toLowerCase()}.${e.className} "${text.slice(0, 30)}"`);
  }
  return [...faint];
}"""
)


@pytest.mark.parametrize("kind", KINDS)
def test_printed_text_is_dark_enough_on_white_paper(kind, reader_pages, page, served_site):
    page.emulate_media(media="print")
    open_page(page, served_site, reader_pages[kind])
    faint = page.evaluate(PRINTED_TEXT_JS)
    assert not faint, f"{reader_pages[kind]} prints faint text: {faint}"


WIDE_TEXT = """---
title: En nyhet med en bred tabell
date: 2019-01-16
type: nyhet
administrations: [sof]
topics: [samverkan]
---

Deltagare per förvaltning och år, se också
https://oppnasoc.helsingborg.se/workshop-om-framtidens-sociala-tjanster-och-annat/

| Förvaltning | Arbetsmarknadsförvaltningen | Socialförvaltningen | Vård- och omsorgsförvaltningen | Skol- och fritidsförvaltningen | Summa |
|---|---|---|---|---|---|
| 2018 | 12 | 14 | 16 | 18 | 60 |

    en_kodrad_som_inte_bryts = "av sig själv och fortsätter långt åt höger på en smal skärm"
"""


def test_a_wide_table_and_code_in_the_text_stay_inside_320_px(small_site, page):
    small_site.write("nyheter/bred.md", WIDE_TEXT)
    result = small_site.build()
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = serve_folder(small_site.output)
    try:
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(url + "arkiv/2019/01/bred/")
        assert (
            page.locator(".la-prose table th").count() == 6
            and page.locator(".la-prose pre").count() == 1
        )
        scrolls, problems = page.evaluate(OVERFLOW_JS)
    finally:
        server.shutdown()
    assert scrolls <= 0 and not problems, f"scrolls sideways by {scrolls} px: {problems}"


def test_a_printed_event_lists_all_its_dates(site, page, served_site):
    """On screen "Alla N datum" is closed to keep the block short; on paper
    nobody can open it, so the dates are printed."""
    url = first_with(site, "arkiv/*/*/*/index.html", ".la-event__dates")
    open_page(page, served_site, url)
    dates = page.locator(".la-event__dates li").first
    assert not dates.is_visible()  # closed on screen
    page.emulate_media(media="print")
    assert dates.is_visible()
    assert page.locator(".la-event__dates li").last.is_visible()
