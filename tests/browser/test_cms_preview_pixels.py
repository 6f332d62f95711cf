"""The CMS preview looks like the built page, by screenshot: an invitation
with administration badges, an event block and an agenda (its own fixture)
is built, then opened both in /admin/'s preview pane (decap-server on the
same content) and as the built page in Debian's chromium. Each of the three
regions is screenshotted on both sides at the same width, with the site's
own CSS and fonts, and compared pixel by pixel with Pillow.

Element by element, not the whole page: around them the two differ on
purpose (the site's header, navigation and meta list; the preview shows the
form's current values in a plain frame), and the badges sit in the meta
list on the page but under the heading in the preview. Each element is
given the same width on both sides (the preview pane is narrower than the
page's column) so that lines wrap alike, and its corner on a whole pixel.
What remains differs by a few antialiased pixels: a word followed by the
page's <time> element is shaped as a separate run (MAX_DIFFERING)."""

from __future__ import annotations

import io
import shutil
import socket

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect
from sitebuild import FIXTURES, ROOT, pelican_build

from lararkiv import cms, preview

pytestmark = pytest.mark.browser

SLUG = "traff-om-forebyggande-arbete"
PAGE = """---
title: Träff om förebyggande arbete
date: 2019-02-01
type: inbjudan
administrations: [sof, amf]
event:
  start: 2019-03-20 13:30
  end: 15:30
  note: Kaffe från kl. 13.00.
  location: Fontänhuset Helsingborg
  address: Bredgatan 11, Helsingborg
  organizer: Socialförvaltningen
  speakers:
    - {name: Anna Andersson, affiliation: Lunds universitet}
    - {name: Bo Berg}
  registration: {email: anmalan@example.org, phone: 042-10 00 00, contact: Anna Andersson, deadline: 2019-03-13}
agenda:
  - Välkommen och inledning
  - Erfarenheter från stadsdelarna
  - Samtal i grupper och avslutning
---
Välkommen till en träff om förebyggande arbete.
"""
REGIONS = (".la-badges", ".la-event", ".la-agenda")
WIDTH = 560  # px: narrower than both the page's column and the preview pane
# A pixel differs when a channel differs by more than this (antialiasing
# of the same glyph at a different sub-pixel offset stays under it) …
CHANNEL_TOLERANCE = 8
# … and a region matches when at most this share of its pixels differ.
MAX_DIFFERING = 0.002


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The same width on both sides; then the element is nudged (relative
# positioning, no new layout) so that its corner is on a whole pixel: each
# line inside is rounded to the pixel grid from there, alike on both sides.
SAME_WIDTH_WHOLE_PIXELS = """(element, width) => {
  element.style.width = `${width}px`;
  element.style.boxSizing = "border-box";
  element.style.position = "relative";
  const box = element.getBoundingClientRect();
  element.style.left = `${Math.round(box.left) - box.left}px`;
  element.style.top = `${Math.round(box.top) - box.top}px`;
}"""


def shot(frame_or_page, selector):
    element = frame_or_page.locator(selector).first
    expect(element).to_be_visible()
    element.evaluate(SAME_WIDTH_WHOLE_PIXELS, WIDTH)
    return Image.open(io.BytesIO(element.screenshot(animations="disabled"))).convert("RGB")


def differing_share(first, second):
    if first.size != second.size:
        return 1.0
    # An element's height is rarely whole pixels: its last row is partly
    # what lies below it, which differs on purpose. Left out on both sides.
    first, second = (image.crop((0, 0, image.width, image.height - 1)) for image in (first, second))
    difference = ImageChops.difference(first, second).convert("L").point(
        lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    return difference.histogram()[255] / (first.width * first.height)


@pytest.fixture
def built(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal" / "content", content)
    (content / "inbjudningar").mkdir()
    (content / "inbjudningar" / f"{SLUG}.md").write_text(PAGE, encoding="utf-8")
    output = tmp_path / "out"
    result = pelican_build(output, content=content)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "admin" / "index.html").is_file(), "/admin/ was not built: npm ci --prefix cms"
    return tmp_path, output


def test_preview_and_built_page_look_the_same_in_badges_event_block_and_agenda(built, tmp_path, browser):
    repository, output = built
    port = free_port()
    decap = cms.start_decap_server(ROOT, repository, port)
    server = preview.start_server(output, preview.PreviewState(), "127.0.0.1", 0,
                                  api_upstream=cms.upstream_url(port), plain_prefixes=("/admin/",))
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                      else route.abort())
        cms_page = context.new_page()
        cms_page.goto(base + "admin/")
        cms_page.get_by_role("button", name="Logga in").click()
        cms_page.goto(base + f"admin/#/collections/inbjudan/entries/{SLUG}")
        frame = cms_page.frame_locator("iframe").first
        expect(frame.locator(".la-agenda__item")).to_have_count(3)
        site_page = context.new_page()
        site_page.goto(base + f"arkiv/2019/02/{SLUG}/")
        shares = {}
        for selector in REGIONS:
            in_preview, on_page = shot(frame, selector), shot(site_page, selector)
            in_preview.save(tmp_path / f"preview{selector}.png")
            on_page.save(tmp_path / f"page{selector}.png")
            shares[selector] = (in_preview.size, on_page.size, differing_share(in_preview, on_page))
        context.close()
    finally:
        decap.terminate()
        decap.wait()
        server.shutdown()
        server.server_close()
    # The sizes first (a missing line shows there), then the pixels.
    assert all(sizes == page_size and share <= MAX_DIFFERING
               for sizes, page_size, share in shares.values()), (shares, tmp_path)
